import { migrateSubgraph, runService } from '@reel/common';
import { createVideoApp, migrationsFolder } from './app';

runService(
  'video',
  (config) => config.subgraphs.video.port,
  async (config, log) => {
    await migrateSubgraph(config.mysql.url, 'video', migrationsFolder);
    return createVideoApp(config, log);
  },
);
