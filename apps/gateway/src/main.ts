import { createLogger, listen, loadConfig, stopOnSignals } from '@reel/common';
import { createGatewayApp } from './app';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'gateway');
  const gateway = await createGatewayApp(config, log);
  const server = await listen(gateway.app, { name: 'gateway', port: config.gateway.port, host: config.host, log, onClose: gateway.close });
  stopOnSignals(log, server.close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
