import { loadConfig, runService } from '@reel/common';
import { createGatewayApp, gatewayEnv } from './app';
import { startInProcessSubgraphs } from './in-process-subgraphs';

// GATEWAY_SUBGRAPHS=in-process: every subgraph of the manifest runs inside the gateway
runService(
  'gateway',
  gatewayEnv,
  (config) => config.gateway.port,
  async (config, log) => {
    const local =
      // the gateway itself reads a few slices; its in-process subgraphs read theirs
      config.gateway.subgraphs === 'in-process'
        ? await startInProcessSubgraphs(loadConfig(), log)
        : undefined;
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
