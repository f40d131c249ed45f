import path from 'node:path';

/**
 * Every subgraph of the stack, in start order: the one list that env (`<NAME>_PORT`,
 * `<NAME>_URL`), the gateway's in-process mode, `npm start`, the test stack, the bench, codegen
 * and composition read. Adding a subgraph is a line here plus its folder `subgraphs/<name>/`:
 * `schema.graphql`, `src/db/migrations/`, and a package `@reel/<name>-subgraph` whose main module
 * exports `subgraph = defineSubgraph({...})`.
 */
export const subgraphManifest = [
  { name: 'user', port: 4001 },
  // media: writes to the media store the gateway serves (a shared volume in docker-compose.yml)
  { name: 'video', port: 4002, media: true },
  { name: 'interaction', port: 4003 },
  { name: 'social', port: 4004 },
] as const satisfies readonly { name: string; port: number; media?: boolean }[];

export type SubgraphName = (typeof subgraphManifest)[number]['name'];
export const subgraphNames: readonly SubgraphName[] = subgraphManifest.map((s) => s.name);

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Where a subgraph's files are, by the one folder shape every subgraph has (ARCHITECTURE.md). */
export function subgraphPaths(name: SubgraphName) {
  const dir = path.join(repoRoot, 'subgraphs', name);
  return {
    dir,
    schemaFile: path.join(dir, 'schema.graphql'),
    migrationsFolder: path.join(dir, 'src', 'db', 'migrations'),
    main: path.join(dir, 'src', 'main.ts'),
    /** the workspace package whose main module exports `subgraph` */
    packageName: `@reel/${name}-subgraph`,
  };
}

export function isSubgraphName(name: string): name is SubgraphName {
  return (subgraphNames as readonly string[]).includes(name);
}
