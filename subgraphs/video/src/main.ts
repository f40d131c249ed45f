import { createLogger, listen, loadConfig, migrateSubgraph, stopOnSignals } from '@reel/common';
import { createVideoApp, migrationsFolder } from './app';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'video');
  await migrateSubgraph(config.mysql.url, 'video', migrationsFolder);
  const video = await createVideoApp(config, log);
  const server = await listen(video.app, {
    name: 'video',
    port: config.subgraphs.video.port,
    host: config.host,
    log,
    onClose: video.close,
  });
  stopOnSignals(log, server.close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
