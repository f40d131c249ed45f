/**
 * The compiled build that `npm start` and the Docker image run instead of TypeScript through
 * tsx: one CommonJS bundle per entry point in `dist/`, holding the workspace's own code
 * (@reel/*), with every third-party package left to node_modules. `npm run build` builds;
 * `ensureServerBuilt` rebuilds only when a source the last build read changed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { subgraphManifest, subgraphPaths } from '@reel/common/manifest';

const root = path.resolve(__dirname, '..', '..');
export const defaultOutdir = path.join(root, 'dist');
const METAFILE = 'meta.json';

/** The entry points, by the name of the file each becomes in the output directory. */
export const buildEntries: Record<string, string> = {
  'one-machine': 'apps/gateway/src/one-machine.ts',
  gateway: 'apps/gateway/src/main.ts',
  'compat-rest': 'compat-rest/src/main.ts',
  ...Object.fromEntries(
    subgraphManifest.map(({ name }) => [
      `${name}-subgraph`,
      path.relative(root, subgraphPaths(name).main),
    ]),
  ),
};

/** The file an entry runs from, e.g. `builtEntry('one-machine')`. */
export function builtEntry(name: keyof typeof buildEntries, outdir = defaultOutdir): string {
  return path.join(outdir, `${name}.js`);
}

// the one module whose imports are computed at run time (apps/gateway/src/subgraph-modules.ts)
const subgraphModules = path.join(root, 'apps', 'gateway', 'src', 'subgraph-modules.ts');

/**
 * Source files stay where they are while their code moves into `outdir`: each `__dirname` is
 * rewritten to the file's own directory, relative to the bundle, so files found beside the
 * sources (SDL, migrations, the supergraph, static files, word lists) are still found.
 */
function workspaceSources(outdir: string): Plugin {
  return {
    name: 'reel-workspace-sources',
    setup(pluginBuild) {
      // third-party packages load from node_modules at run time, native ones included
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith('@reel/') ? undefined : { path: args.path, external: true },
      );
      pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        if (args.path === subgraphModules)
          return { contents: staticSubgraphImports(), loader: 'ts' };
        const source = await readFile(args.path, 'utf8');
        const dir = JSON.stringify(path.relative(outdir, path.dirname(args.path)));
        const contents = source.replace(
          /\b__dirname\b/g,
          `require('node:path').join(__dirname, ${dir})`,
        );
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** subgraph-modules.ts with one literal import per subgraph of the manifest. */
function staticSubgraphImports(): string {
  const cases = subgraphManifest.map(
    ({ name }) =>
      `    case ${JSON.stringify(name)}:\n      return (await import(${JSON.stringify(subgraphPaths(name).packageName)})).subgraph;`,
  );
  return `export async function importSubgraph(name: string) {
  switch (name) {
${cases.join('\n')}
  }
  throw new Error(\`no subgraph "\${name}" in this build\`);
}
`;
}

/** Builds every entry into `outdir`; answers the build's duration in ms. */
export async function buildServer(outdir = defaultOutdir): Promise<number> {
  const started = Date.now();
  await build({
    absWorkingDir: root,
    entryPoints: buildEntries,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // error class names show in logs and some libraries compare constructor names
    keepNames: true,
    sourcemap: true,
    metafile: true,
    write: true,
    logLevel: 'warning',
    plugins: [workspaceSources(outdir)],
  }).then(async (result) => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(outdir, METAFILE), JSON.stringify(result.metafile));
  });
  return Date.now() - started;
}

/**
 * Why the build in `outdir` is stale (a missing entry, a source newer than the build), or
 * undefined when it is current. The inputs are the ones the last build read, plus this script.
 */
export function staleness(outdir = defaultOutdir): string | undefined {
  const metaPath = path.join(outdir, METAFILE);
  if (!existsSync(metaPath)) return `${path.relative(root, outdir)} has no build`;
  const builtAt = statSync(metaPath).mtimeMs;
  for (const name of Object.keys(buildEntries))
    if (!existsSync(builtEntry(name, outdir))) return `${name}.js is missing`;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
  const inputs = [...Object.keys(meta.inputs), path.relative(root, __filename)];
  for (const input of inputs) {
    const file = path.resolve(root, input);
    if (!existsSync(file)) return `${input} is gone`;
    if (statSync(file).mtimeMs > builtAt) return `${input} changed`;
  }
  return undefined;
}

/** Rebuilds when stale; answers why it rebuilt, or undefined when the build was current. */
export async function ensureServerBuilt(outdir = defaultOutdir): Promise<string | undefined> {
  const why = staleness(outdir);
  if (why) await buildServer(outdir);
  return why;
}

if (require.main === module) {
  buildServer().then(
    (ms) => console.log(`built ${Object.keys(buildEntries).join(', ')} into dist/ in ${ms} ms`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
