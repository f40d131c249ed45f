import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { parse, type GraphQLSchema } from 'graphql';
import { subgraphManifest } from '@reel/common/manifest';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const supergraphFile = path.join(repoRoot, 'schema', 'supergraph.graphql');
export const allowListFile = path.join(repoRoot, 'schema', 'allowed-breaking-changes.json');

// Informational only: the gateway takes subgraph URLs from its config (USER_URL, VIDEO_URL, …).
const defaultPorts: Record<string, number> = Object.fromEntries(
  subgraphManifest.map(({ name, port }) => [name, port]),
);

export interface SubgraphSource {
  name: string;
  file: string;
  sdl: string;
}

/** Every `subgraphs/<name>/schema.graphql`, in name order so composition is deterministic. */
export function readSubgraphs(root = path.join(repoRoot, 'subgraphs')): SubgraphSource[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const file = path.join(root, name, 'schema.graphql');
      try {
        return [{ name, file, sdl: readFileSync(file, 'utf8') }];
      } catch {
        return [];
      }
    });
}

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes with @apollo/composition; errors come back as readable lines naming the subgraph. */
export function compose(subgraphs: SubgraphSource[]): ComposeResult {
  const services = [];
  const errors: string[] = [];
  for (const subgraph of subgraphs) {
    try {
      const url = `http://127.0.0.1:${defaultPorts[subgraph.name] ?? 4000}/graphql`;
      services.push({ name: subgraph.name, url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      errors.push(`${path.relative(repoRoot, subgraph.file)}: ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => {
        const code = (error.extensions?.code as string | undefined) ?? 'COMPOSITION_ERROR';
        return `[${code}] ${error.message}`;
      }),
    };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}

/** The client-facing schema: what the gateway exposes once federation internals are stripped. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export interface AllowedBreakingChange {
  /** Schema coordinate reported by the check, e.g. "Query.feed" or "User.avatar". */
  path: string;
  reason: string;
}

export interface BreakingChange {
  path: string;
  message: string;
}

/** Breaking changes of the API schema from `before` to `after`, minus the allow-listed ones. */
export async function breakingChanges(
  beforeSupergraph: string,
  afterSupergraph: string,
  allowed: AllowedBreakingChange[] = [],
): Promise<BreakingChange[]> {
  const changes = await diff(apiSchemaOf(beforeSupergraph), apiSchemaOf(afterSupergraph));
  const allowedPaths = new Set(allowed.map((entry) => entry.path));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? '(schema)', message: change.message }))
    .filter((change) => !allowedPaths.has(change.path));
}

export function readAllowList(file = allowListFile): AllowedBreakingChange[] {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AllowedBreakingChange[];
  } catch {
    return [];
  }
}

/** The supergraph as committed at `ref`, or null when git has none (a first commit, no git). */
export function committedSupergraph(ref: string): string | null {
  try {
    return execFileSync('git', ['show', `${ref}:schema/supergraph.graphql`], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}
