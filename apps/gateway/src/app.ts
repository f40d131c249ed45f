import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express, { type Express } from 'express';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import {
  type ConfigOf,
  createHttpApp,
  discardBodyAfterResponse,
  finishHttpApp,
  type Logger,
  type Readiness,
  maskErrors,
  requestLocals,
  type ServiceApp,
} from '@reel/common';
import type { GatewayContext } from './context';
import { limits } from './limits';
import { mediaRoute } from './media';
import { attachRealtime } from './realtime';
import { createSupergraph, type InProcessSubgraphs } from './supergraph';
import { rejectOversizedUploads } from './uploads';
import { viewerFrom } from './viewer';

export { supergraphPath } from './supergraph';

/** What the gateway reads of the environment. */
export const gatewayEnv = ['auth', 'gateway', 'subgraphs', 'media', 'public'] as const;
export type GatewayConfig = ConfigOf<(typeof gatewayEnv)[number]>;

const staticDir = path.join(__dirname, '..', 'static');

/**
 * Builds the gateway without listening: the supergraph and its data sources, the HTTP routes
 * (static, media, the upload chain in front of GraphQL) and, once a server exists, the realtime
 * edge on its upgrades. Subgraphs passed in `inProcess` run inside this process.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  log: Logger,
  inProcess: InProcessSubgraphs = {},
): Promise<ServiceApp & { apollo: ApolloServer<GatewayContext> }> {
  const supergraph = createSupergraph(config, inProcess);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: supergraph.gateway,
    formatError: maskErrors(log),
    includeStacktraceInErrorResponses: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
    // shutdown is ours (stopOnSignals): Apollo's own handler would exit before connections drain
    stopOnTerminationSignals: false,
    plugins: [
      config.isProduction
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  const app = httpRoutes(config, log, supergraph.readiness, apollo);
  return {
    app,
    apollo,
    attach: (server) => attachRealtime(server, { config, gateway: supergraph.gateway, log }),
    close: () => apollo.stop(),
  };
}

function httpRoutes(
  config: GatewayConfig,
  log: Logger,
  readiness: Readiness,
  apollo: ApolloServer<GatewayContext>,
): Express {
  const app = createHttpApp('gateway', log, readiness);
  app.use(
    '/static',
    express.static(staticDir, { maxAge: limits.staticMaxAgeSeconds * 1000, fallthrough: false }),
  );
  app.use('/media', mediaRoute(config.media.dir));
  app.use(
    '/graphql',
    discardBodyAfterResponse,
    rejectOversizedUploads(config.media.maxUploadBytes, config.media.maxUploadFiles),
    graphqlUploadExpress({
      // busboy calls a file that reaches maxFileSize truncated: one byte of slack makes the
      // limit inclusive, and a file past it still fails in uploadStream
      maxFileSize: config.media.maxUploadBytes + 1,
      maxFiles: config.media.maxUploadFiles,
    }),
    express.json({ limit: limits.jsonBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { requestId, log: requestLog } = requestLocals(res);
        return {
          ...(await viewerFrom(config, req.headers.authorization)),
          requestId,
          log: requestLog,
        };
      },
    }),
  );
  finishHttpApp(app);
  return app;
}
