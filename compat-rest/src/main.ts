import { createLogger, listen, loadConfig, stopOnSignals } from '@reel/common';
import { createRestApp } from './app';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'compat-rest');
  const rest = createRestApp(config, log);
  const server = await listen(rest.app, {
    name: 'compat-rest',
    port: config.rest.port,
    host: config.host,
    log,
    onClose: rest.close,
  });
  stopOnSignals(log, server.close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
