import { type Config, type Logger, migrateSubgraph, runService } from '@reel/common';
import { createUserApp, migrationsFolder as userMigrations } from '@reel/user-subgraph';
import { createVideoApp, migrationsFolder as videoMigrations } from '@reel/video-subgraph';
import { createGatewayApp } from './app';

/** GATEWAY_SUBGRAPHS=in-process: the subgraphs run inside the gateway (one machine, no HTTP hop). */
async function inProcessSubgraphs(config: Config, log: Logger) {
  await migrateSubgraph(config.mysql.url, 'user', userMigrations);
  await migrateSubgraph(config.mysql.url, 'video', videoMigrations);
  const user = await createUserApp(config, log.child({ subgraph: 'user' }));
  const video = await createVideoApp(config, log.child({ subgraph: 'video' }));
  return {
    subgraphs: { user, video },
    close: async () => void (await Promise.all([user.close(), video.close()])),
  };
}

runService(
  'gateway',
  (config) => config.gateway.port,
  async (config, log) => {
    const local =
      config.gateway.subgraphs === 'in-process' ? await inProcessSubgraphs(config, log) : undefined;
    const gateway = await createGatewayApp(config, log, local?.subgraphs);
    return {
      app: gateway.app,
      async close() {
        await gateway.close();
        await local?.close();
      },
    };
  },
);
