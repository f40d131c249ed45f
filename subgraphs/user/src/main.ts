import { migrateSubgraph, runService } from '@reel/common';
import { createUserApp, migrationsFolder } from './app';

runService(
  'user',
  (config) => config.subgraphs.user.port,
  async (config, log) => {
    await migrateSubgraph(config.mysql.url, 'user', migrationsFolder);
    return createUserApp(config, log);
  },
);
