import { type Config, type Logger, migrateSubgraph, subgraphManifest } from '@reel/common';
import { importSubgraph } from './subgraph-modules';
import type { InProcessSubgraphs } from './supergraph';

/**
 * Every subgraph of the manifest, built to run inside the gateway's process (one machine, no
 * HTTP hop). `migrate: false` when a parent process applied the migrations once for all workers.
 */
export async function startInProcessSubgraphs(
  config: Config,
  log: Logger,
  { migrate = true }: { migrate?: boolean } = {},
) {
  const running: { name: string; close(): Promise<void> }[] = [];
  const subgraphs: InProcessSubgraphs = {};
  try {
    for (const { name } of subgraphManifest) {
      const subgraph = await importSubgraph(name);
      if (migrate) await migrateSubgraph(config.mysql.url, name, subgraph.migrationsFolder);
      const app = await subgraph.create(config, log.child({ subgraph: name }));
      subgraphs[name] = app;
      running.push({ name, close: () => app.close() });
    }
  } catch (error) {
    await Promise.all(running.map((s) => s.close().catch(() => undefined)));
    throw error;
  }
  return {
    subgraphs,
    close: async () => void (await Promise.all(running.map((s) => s.close()))),
  };
}
