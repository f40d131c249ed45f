import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express, { type Express, type RequestHandler } from 'express';
import {
  type ConfigOf,
  clientIpOf,
  connectRedis,
  createHttpApp,
  discardBodyAfterResponse,
  finishHttpApp,
  type Logger,
  type Readiness,
  logOperationErrors,
  maskErrors,
  requestLocals,
  type ServiceApp,
} from '@reel/common';
import type { LocalGateway } from '@reel/compat-rest/local-gateway-client';
import { askThroughSupergraph, cachedAccountCheck, refuseDeletedAccounts } from './account-check';

import type { GatewayContext } from './context';
import { createFeedCache, type FeedCache } from './feed-cache';
import { type GatewayOverrides, limits, subgraphBreaker } from './limits';
import { localGateway } from './local-gateway';
import { getOrHeadOnly, mediaRoute } from './media';
import {
  namingTokenLimit,
  operationGuard,
  operationLimitRules,
  parseOptions,
  refuseSubscriptionRootMistake,
} from './operation-limits';
import { gatewayRateLimits } from './rate-limits';
import { requestMetrics } from './request-metrics';
import { RealtimeEdge } from './realtime/edge';
import { attachRealtime } from './realtime/socket';
import { createSupergraph, type InProcessSubgraphs } from './supergraph';
import { rejectInvalidUtf8 } from './utf8';
import { graphqlUploads, rejectOversizedUploads } from './uploads';
import { viewerFrom } from './viewer';
import { viewerFlags } from './viewer-flags';
import { webClientRoute } from './web-client';

export { supergraphPath } from './supergraph';

/** What the gateway reads of the environment. */
export const gatewayEnv = [
  'auth',
  'gateway',
  'subgraphs',
  'internal',
  'media',
  'public',
  'nats',
  'redis',
  'rateLimits',
] as const;
export type GatewayConfig = ConfigOf<(typeof gatewayEnv)[number]>;

const staticDir = path.join(__dirname, '..', 'static');

/**
 * Builds the gateway without listening: the supergraph and its data sources, the HTTP routes
 * (static, media, the upload chain in front of GraphQL) and, once a server exists, the realtime
 * edge on its upgrades. Subgraphs passed in `inProcess` run inside this process; `overrides`
 * tighten limits for a test.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  log: Logger,
  inProcess: InProcessSubgraphs = {},
  overrides: GatewayOverrides = {},
): Promise<
  ServiceApp & {
    apollo: ApolloServer<GatewayContext>;
    realtime: RealtimeEdge;
    /** The GraphQL feed page cache (its hit and load counts). */
    feedCache: FeedCache;
    /** This gateway for an app in its process (compat-rest): no HTTP hop. */
    local: LocalGateway;
  }
> {
  const supergraph = createSupergraph(config, inProcess, log, (name) => ({
    ...subgraphBreaker,
    ...overrides.subgraphBreakers?.[name],
  }));
  const masked = maskErrors();
  // not a readiness dependency: the limits fail open without it
  const redis = connectRedis(config.redis.url, config.namespace);
  const rateLimits = gatewayRateLimits({
    redis,
    log,
    ipPerMinute: config.rateLimits.ipPerMinute,
    maxUploadBytes: config.media.maxUploadBytes,
    actions: overrides.actionRateLimits,
  });
  // fails open like the limits: with Redis unreachable every feed read goes to the subgraphs
  const feedCache = createFeedCache(redis, log);
  const flags = viewerFlags(config, supergraph.sources, log);
  const accountExists = cachedAccountCheck(
    redis,
    askThroughSupergraph(() => apollo),
    log,
  );
  const apollo: ApolloServer<GatewayContext> = new ApolloServer<GatewayContext>({
    // its executor: every plugin below runs on a cached page as on an executed one
    gateway: feedCache.wrap(supergraph.gateway),
    // Apollo's own messages go to our log, so nothing it reports escapes LOG_LEVEL or the tests
    logger: log,
    parseOptions: parseOptions(),
    validationRules: operationLimitRules(),
    formatError: (formatted, error) => masked(namingTokenLimit(formatted), error),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    // no "Did you mean …?" in validation errors: suggestions spell the schema out to a prober
    hideSchemaDetailsFromClientErrors: config.isProduction,
    csrfPrevention: true,
    // shutdown is ours (stopOnSignals): Apollo's own handler would exit before connections drain
    stopOnTerminationSignals: false,
    plugins: [
      logOperationErrors(log),
      requestMetrics(),
      operationGuard({ costMode: config.gateway.costMode }),
      rateLimits.plugin,
      refuseDeletedAccounts(accountExists),
      // after the guards above (they act before any operation is answered)
      flags.plugin,
      // no schema or resolver sets cache hints and no response reads them; the default plugin
      // wraps every field resolver to compute them anyway (issue 11: +28–41% feed throughput)
      ApolloServerPluginCacheControlDisabled(),
      config.isProduction
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();
  // NATS is not a readiness dependency: HTTP serves on without it, and live events resume with it
  const realtime = new RealtimeEdge({
    natsUrl: config.nats.url,
    namespace: config.namespace,
    log,
    apollo: () => apollo,
    costMode: config.gateway.costMode,
    eventCost: overrides.realtimeEventCost,
  });

  const app = httpRoutes(config, log, supergraph.readiness, apollo, rateLimits.limitAddress);
  return {
    app,
    apollo,
    realtime,
    feedCache,
    local: localGateway(config, apollo, supergraph.readiness, log, flags.local),
    attach: (server) =>
      attachRealtime(server, { config, gateway: supergraph.gateway, edge: realtime, log }),
    async close() {
      await realtime.close();
      await apollo.stop();
      await redis.quit().catch(() => undefined);
    },
  };
}

function httpRoutes(
  config: GatewayConfig,
  log: Logger,
  readiness: Readiness,
  apollo: ApolloServer<GatewayContext>,
  limitAddress: RequestHandler,
): Express {
  const app = createHttpApp('gateway', log, readiness);
  const { trustedProxies } = config.gateway;
  app.set('trust proxy', trustedProxies.length > 0 ? trustedProxies : false);
  app.use(
    '/static',
    getOrHeadOnly,
    express.static(staticDir, { maxAge: limits.staticMaxAgeSeconds * 1000, fallthrough: false }),
  );
  app.use('/media', getOrHeadOnly, mediaRoute(config.media.dir));
  app.use(
    '/graphql',
    discardBodyAfterResponse,
    limitAddress,
    rejectOversizedUploads(config.media.maxUploadBytes, config.media.maxUploadFiles),
    graphqlUploads(config.media.maxUploadBytes, config.media.maxUploadFiles),
    express.json({ limit: limits.jsonBodyBytes, verify: rejectInvalidUtf8 }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // a GET carries its operation in the query string
        refuseSubscriptionRootMistake(req.method === 'GET' ? req.query : req.body);
        const { requestId, log: requestLog } = requestLocals(res);
        return {
          ...(await viewerFrom(config, req.headers.authorization)),
          requestId,
          log: requestLog,
          clientIp: clientIpOf(req),
        };
      },
    }),
  );
  app.use(webClientRoute());
  finishHttpApp(app);
  return app;
}
