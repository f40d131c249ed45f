import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import {
  asRequestError,
  type Config,
  createHttpApp,
  discardBodyAfterResponse,
  finishHttpApp,
  type Logger,
  type ReadinessChecks,
  maskErrors,
  requestLocals,
  type SubgraphName,
  viewerFromAuthorization,
} from '@reel/common';
import type { GatewayContext } from './context';
import { limits } from './limits';
import { mediaRoute } from './media';
import { rejectOversizedUploads } from './uploads';
import { type InProcessSubgraph, InProcessSubgraphSource } from './in-process-source';
import { SubgraphSource } from './subgraph-source';

export const supergraphPath = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'schema',
  'supergraph.graphql',
);
const staticDir = path.join(__dirname, '..', 'static');

function subgraphUrl(config: Config, name: string): string {
  if (!Object.hasOwn(config.subgraphs, name))
    throw new Error(`supergraph names unknown subgraph "${name}"`);
  return `${config.subgraphs[name as SubgraphName].url}/graphql`;
}

/**
 * Builds the gateway without listening. Subgraph URLs come from config, not the supergraph file;
 * subgraphs passed in `inProcess` run inside this process instead (the one-machine topology).
 */
export async function createGatewayApp(
  config: Config,
  log: Logger,
  inProcess: Partial<Record<SubgraphName, InProcessSubgraph>> = {},
) {
  const local = (name: string) =>
    Object.hasOwn(inProcess, name) ? inProcess[name as SubgraphName] : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ name }) => {
      const subgraph = local(name);
      return subgraph
        ? new InProcessSubgraphSource(subgraph)
        : new SubgraphSource(subgraphUrl(config, name));
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
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

  // ready when every subgraph is: a remote one's /readyz, an in-process one's own checks
  const checks: ReadinessChecks = {};
  for (const name of Object.keys(config.subgraphs) as SubgraphName[]) {
    const subgraph = local(name);
    if (subgraph) {
      for (const [check, run] of Object.entries(subgraph.checks)) checks[`${name}.${check}`] = run;
      continue;
    }
    checks[name] = async () => {
      const response = await fetch(`${config.subgraphs[name].url}/readyz`);
      if (!response.ok) throw new Error(`${name} answered ${response.status}`);
    };
  }
  const app = createHttpApp('gateway', log, checks);
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
        try {
          const viewer = await viewerFromAuthorization(config.auth, req.headers.authorization);
          return {
            viewer,
            authorization: viewer ? req.headers.authorization : undefined,
            requestId: requestLocals(res).requestId,
          };
        } catch (error) {
          throw asRequestError(error);
        }
      },
    }),
  );
  finishHttpApp(app);
  return { app, apollo, close: () => apollo.stop() };
}
