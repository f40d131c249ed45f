import { type ConfigOf, createHttpApp, type Logger } from '@reel/common';
import { answerUnexpectedError, douyinRouter } from './douyin-router';
import { douyinEndpoints } from './endpoints';
import { createGatewayClient } from './gateway-client';
import { uploadSpoolDir } from './upload-spool';

/** What compat-rest reads of the environment: where the gateway is, the upload cap, its port. */
export const restEnv = ['gateway', 'media', 'rest'] as const;

/**
 * Builds the /douyin REST shim without listening; every endpoint is one operation on the gateway
 * (sent once per page for a list the gateway pages). `spoolDir`: where uploads wait (a test
 * stack gives each app its own, so a test sees only its own spooled files).
 */
export function createRestApp(
  config: ConfigOf<(typeof restEnv)[number]>,
  log: Logger,
  { spoolDir = uploadSpoolDir }: { spoolDir?: string } = {},
) {
  const gateway = createGatewayClient(config.gateway.url);
  const app = createHttpApp('compat-rest', log, { gateway: gateway.checkReady });
  app.use(
    douyinRouter(douyinEndpoints, gateway, {
      dir: spoolDir,
      maxBytes: config.media.maxUploadBytes,
    }),
  );
  app.use(answerUnexpectedError(log));
  // Nothing to release: the keep-alive sockets belong to the global fetch dispatcher.
  const close = async (): Promise<void> => {};
  return { app, close };
}
