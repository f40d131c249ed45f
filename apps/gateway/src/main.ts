import {
  type Logger,
  loadConfig,
  migrateSubgraph,
  runService,
  subgraphManifest,
  subgraphPaths,
  type AnySubgraphDefinition,
} from '@reel/common';
import { createGatewayApp, gatewayEnv } from './app';
import type { InProcessSubgraphs } from './supergraph';

/**
 * GATEWAY_SUBGRAPHS=in-process: every subgraph of the manifest runs inside the gateway (one
 * machine, no HTTP hop). Loaded lazily, so a gateway in front of remote subgraphs never loads
 * sharp, argon2 or ffmpeg.
 */
async function inProcessSubgraphs(log: Logger) {
  // the gateway itself reads a few slices; its in-process subgraphs read theirs
  const config = loadConfig();
  const running: { name: string; close(): Promise<void> }[] = [];
  const subgraphs: InProcessSubgraphs = {};
  for (const { name } of subgraphManifest) {
    const { subgraph } = (await import(subgraphPaths(name).packageName)) as {
      subgraph: AnySubgraphDefinition;
    };
    await migrateSubgraph(config.mysql.url, name, subgraph.migrationsFolder);
    const app = await subgraph.create(config, log.child({ subgraph: name }));
    subgraphs[name] = app;
    running.push({ name, close: () => app.close() });
  }
  return {
    subgraphs,
    close: async () => void (await Promise.all(running.map((s) => s.close()))),
  };
}

runService(
  'gateway',
  gatewayEnv,
  (config) => config.gateway.port,
  async (config, log) => {
    const local =
      config.gateway.subgraphs === 'in-process' ? await inProcessSubgraphs(log) : undefined;
    const gateway = await createGatewayApp(config, log, local?.subgraphs);
    return {
      ...gateway,
      async close() {
        await gateway.close();
        await local?.close();
      },
    };
  },
);
