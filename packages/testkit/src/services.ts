import { ensureDatabase, migrateSubgraph, subgraphManifest, subgraphPaths } from '@reel/common';

/** Creates the database and applies every subgraph's committed migrations, in manifest order. */
export async function migrateAll(mysqlUrl: string): Promise<void> {
  await ensureDatabase(mysqlUrl);
  for (const { name } of subgraphManifest)
    await migrateSubgraph(mysqlUrl, name, subgraphPaths(name).migrationsFolder);
}
