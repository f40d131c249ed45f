import { ensureDatabase, migrateSubgraph } from '@reel/common';
import { migrationsFolder as userMigrations } from '@reel/user-subgraph/db/migrations-folder';
import { migrationsFolder as videoMigrations } from '@reel/video-subgraph/db/migrations-folder';

/** Every subgraph's committed migrations, in the order a fresh database needs them. */
export const subgraphMigrations = [
  { subgraph: 'user', folder: userMigrations },
  { subgraph: 'video', folder: videoMigrations },
] as const;

export async function migrateAll(mysqlUrl: string): Promise<void> {
  await ensureDatabase(mysqlUrl);
  for (const { subgraph, folder } of subgraphMigrations)
    await migrateSubgraph(mysqlUrl, subgraph, folder);
}
