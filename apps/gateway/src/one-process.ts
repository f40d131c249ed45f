import { createRestApp, type RestAppOptions } from '@reel/compat-rest';
import { createLocalGatewayClient } from '@reel/compat-rest/local-gateway-client';
import type { Config, Logger } from '@reel/common';
import { createGatewayApp } from './app';
import { startInProcessSubgraphs } from './in-process-subgraphs';

/**
 * The one-machine topology's process, built without listening: every subgraph of the manifest,
 * the gateway in front of them in-process, and compat-rest running its operations in the
 * gateway's pipeline (no HTTP hop; the token verified once, by the gateway). `logFor` gives each
 * part the logger it would have as a process of its own.
 */
export async function createOneProcessApps(
  config: Config,
  logFor: (service: 'gateway' | 'compat-rest') => Logger,
  options: { migrate?: boolean } & Pick<RestAppOptions, 'spoolDir'> = {},
) {
  const gatewayLog = logFor('gateway');
  const subgraphs = await startInProcessSubgraphs(config, gatewayLog, options);
  let gateway: Awaited<ReturnType<typeof createGatewayApp>>;
  try {
    gateway = await createGatewayApp(config, gatewayLog, subgraphs.subgraphs);
  } catch (error) {
    await subgraphs.close();
    throw error;
  }
  const rest = createRestApp(config, logFor('compat-rest'), {
    spoolDir: options.spoolDir,
    gateway: createLocalGatewayClient(gateway.local),
  });
  return {
    gateway,
    rest,
    /** After both servers stopped taking requests: what answers them goes last. */
    async close() {
      await rest.close();
      await gateway.close();
      await subgraphs.close();
    },
  };
}
