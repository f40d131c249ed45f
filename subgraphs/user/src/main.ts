import { createLogger, listen, loadConfig, migrateSubgraph, stopOnSignals } from '@reel/common';
import { createUserApp, migrationsFolder } from './app';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'user');
  await migrateSubgraph(config.mysql.url, 'user', migrationsFolder);
  const user = await createUserApp(config, log);
  const server = await listen(user.app, {
    name: 'user',
    port: config.subgraphs.user.port,
    host: config.host,
    log,
    onClose: user.close,
  });
  stopOnSignals(log, server.close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
