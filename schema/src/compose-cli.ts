/**
 * npm run schema:compose  → writes schema/supergraph.graphql (refuses unannounced breaking changes)
 * npm run schema:check    → fails on composition errors, on drift of the committed supergraph,
 *                           and on unannounced breaking changes of the client-facing API.
 * The breaking-change baseline is the supergraph at SCHEMA_BASE_REF, or else at HEAD when the
 * working copy changed it, or else at HEAD~1 (what the newest commit changed).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  allowListFile,
  breakingChanges,
  committedSupergraph,
  compose,
  readAllowList,
  readSubgraphs,
  repoRoot,
  supergraphFile,
} from './compose';

async function main(): Promise<number> {
  const mode = process.argv.includes('--write') ? 'write' : 'check';
  const result = compose(readSubgraphs());
  if (!result.ok) {
    console.error(
      `✗ composition failed (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}):`,
    );
    for (const error of result.errors) console.error(`  - ${error}`);
    return 1;
  }
  const current = existsSync(supergraphFile) ? readFileSync(supergraphFile, 'utf8') : null;
  const baseline = baselineSupergraph(current);
  if (baseline) {
    const breaking = await breakingChanges(baseline.sdl, result.supergraphSdl, readAllowList());
    if (breaking.length > 0) {
      console.error(`✗ breaking changes to the client-facing API since ${baseline.ref}:`);
      for (const change of breaking) console.error(`  - ${change.path}: ${change.message}`);
      console.error(
        `  To make one on purpose, add {"path", "reason"} to ${path.relative(repoRoot, allowListFile)}.`,
      );
      return 1;
    }
  }
  if (mode === 'write') {
    writeFileSync(supergraphFile, result.supergraphSdl);
    console.log(
      `✓ composed ${readSubgraphs().length} subgraphs into ${path.relative(repoRoot, supergraphFile)}`,
    );
    return 0;
  }
  if (current !== result.supergraphSdl) {
    console.error(
      `✗ ${path.relative(repoRoot, supergraphFile)} differs from a fresh composition; run: npm run schema:compose`,
    );
    return 1;
  }
  console.log(
    `✓ supergraph composes, matches the committed file${baseline ? `, and has no unannounced breaking changes since ${baseline.ref}` : ''}`,
  );
  return 0;
}

function baselineSupergraph(current: string | null): { ref: string; sdl: string } | null {
  const explicit = process.env.SCHEMA_BASE_REF;
  const candidates = explicit
    ? [explicit]
    : committedSupergraph('HEAD') !== current
      ? ['HEAD']
      : ['HEAD~1'];
  for (const ref of candidates) {
    const sdl = committedSupergraph(ref);
    if (sdl) return { ref, sdl };
  }
  return null;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
