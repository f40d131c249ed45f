import {
  addressKey,
  clientIpOf,
  type ConfigOf,
  connectRedis,
  createHttpApp,
  FailOpenRateLimiter,
  type Logger,
} from '@reel/common';
import { answerUnexpectedError, douyinRouter } from './douyin-router';
import { douyinEndpoints } from './endpoints';
import { failureBody } from './envelope';
import { createFeedPages } from './feed-pages';
import { createGatewayClient, type GatewayClient } from './gateway-client';
import { rateLimitSettings } from './limits';
import { tooManyRequests } from './rest-error';
import { uploadSpoolDir } from './upload-spool';

/** What compat-rest reads of the environment: where the gateway is, the upload cap, its port. */
export const restEnv = ['gateway', 'media', 'rest', 'redis', 'rateLimits'] as const;

export interface RestAppOptions {
  /** Where uploads wait (a test stack gives each app its own, so a test sees only its files). */
  spoolDir?: string;
  /**
   * How operations reach the gateway: over HTTP at GATEWAY_URL by default, or a gateway in this
   * process (createLocalGatewayClient: the one-process topology).
   */
  gateway?: GatewayClient;
}

/**
 * Builds the /douyin REST shim without listening; every endpoint is one operation on the gateway
 * (sent once per page for a list the gateway pages).
 */
export function createRestApp(
  config: ConfigOf<(typeof restEnv)[number]>,
  log: Logger,
  {
    spoolDir = uploadSpoolDir,
    gateway = createGatewayClient(config.gateway.url),
  }: RestAppOptions = {},
) {
  const app = createHttpApp('compat-rest', log, { gateway: gateway.checkReady });
  // the client's address as the gateway reads it: X-Forwarded-For only from TRUSTED_PROXY peers
  const { trustedProxies } = config.gateway;
  app.set('trust proxy', trustedProxies.length > 0 ? trustedProxies : false);
  // not a readiness dependency: the limit fails open without it
  const redis = connectRedis(config.redis.url, config.namespace);
  const perAddress = new FailOpenRateLimiter(redis, {
    name: 'rest-ip',
    limit: {
      points: config.rateLimits.ipPerMinute,
      durationSeconds: rateLimitSettings.ipWindowSeconds,
    },
    log,
    storeBudgetMs: rateLimitSettings.storeBudgetMs,
    storeBackoffMs: rateLimitSettings.storeBackoffMs,
  });
  const feedPages = createFeedPages(redis, log);
  app.use('/douyin', async (req, res, next) => {
    const verdict = await perAddress.consume(addressKey(clientIpOf(req)));
    if (verdict.allowed) return next();
    res.json(failureBody(tooManyRequests(verdict.retryAfterSeconds)));
  });
  app.use(
    douyinRouter(
      douyinEndpoints,
      gateway,
      {
        dir: spoolDir,
        maxBytes: config.media.maxUploadBytes,
      },
      { feedPages },
    ),
  );
  app.use(answerUnexpectedError(log));
  // The keep-alive sockets belong to the global fetch dispatcher; Redis is ours.
  const close = async (): Promise<void> => {
    await redis.quit().catch(() => undefined);
  };
  return { app, close, feedPages };
}
