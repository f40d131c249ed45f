import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type Express, type RequestHandler } from 'express';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { viewerFromAuthorization, type Viewer } from './auth';
import type { Config } from './env';
import { asRequestError, maskErrors } from './errors';
import type { Logger } from './logger';
import {
  createHttpApp,
  discardBodyAfterResponse,
  finishHttpApp,
  type ReadinessChecks,
  requestLocals,
} from './service';

/** The whole request context, in every subgraph: small on purpose (see STYLE.md). */
export interface SubgraphContext<TLoaders> {
  viewer: Viewer | null;
  loaders: TLoaders;
  requestId: string;
  log: Logger;
}

export interface LocalRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export interface LocalResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface SubgraphOptions<TLoaders> {
  name: string;
  config: Config;
  log: Logger;
  typeDefs: DocumentNode;
  // Generated resolver maps are stricter than @apollo/subgraph's; both describe the same object.
  resolvers: unknown;
  createLoaders: (viewer: Viewer | null) => TLoaders;
  checks: ReadinessChecks;
  /** Middleware run before GraphQL on /graphql (the video subgraph's multipart uploads). */
  beforeGraphql?: RequestHandler[];
}

export interface SubgraphApp<TLoaders> {
  app: Express;
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  /** A context as a request would build it; tests use it with `apollo.executeOperation`. */
  contextFor(viewer: Viewer | null): SubgraphContext<TLoaders>;
  /** What /readyz asks; a gateway running this subgraph in-process asks the same. */
  checks: ReadinessChecks;
  /** Runs an operation in this process, as the viewer, through the same pipeline as HTTP. */
  executeAs(viewer: Viewer | null, request: LocalRequest): Promise<LocalResult>;
  stop(): Promise<void>;
}

/** Builds a subgraph's HTTP app without listening. */
export async function createSubgraphApp<TLoaders>(
  options: SubgraphOptions<TLoaders>,
): Promise<SubgraphApp<TLoaders>> {
  const { name, config, log } = options;
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    formatError: maskErrors(log),
    includeStacktraceInErrorResponses: false,
    // Subgraphs sit behind the gateway, which decides what the public may introspect.
    introspection: true,
    csrfPrevention: true,
    // shutdown is ours (stopOnSignals): Apollo's own handler would exit before connections drain
    stopOnTerminationSignals: false,
    // No Apollo Studio here: skip the per-field trace work
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const contextFor = (
    viewer: Viewer | null,
    requestId = 'local',
    requestLog = log,
  ): SubgraphContext<TLoaders> => ({
    viewer,
    loaders: options.createLoaders(viewer),
    requestId,
    log: requestLog,
  });

  const app = createHttpApp(name, log, options.checks);
  app.use(
    '/graphql',
    discardBodyAfterResponse,
    ...(options.beforeGraphql ?? []),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { requestId, log: requestLog } = requestLocals(res);
        // Subgraphs re-verify the forwarded token: they are never trusted to be private.
        try {
          const viewer = await viewerFromAuthorization(config.auth, req.headers.authorization);
          return contextFor(viewer, requestId, requestLog);
        } catch (error) {
          throw asRequestError(error);
        }
      },
    }),
  );
  finishHttpApp(app);
  const executeAs = async (viewer: Viewer | null, request: LocalRequest): Promise<LocalResult> => {
    const result = await apollo.executeOperation(request, { contextValue: contextFor(viewer) });
    if (result.body.kind !== 'single')
      throw new Error('incremental delivery is not used between gateway and subgraphs');
    return { data: result.body.singleResult.data, errors: result.body.singleResult.errors };
  };
  return {
    app,
    apollo,
    contextFor: (viewer) => contextFor(viewer),
    checks: options.checks,
    executeAs,
    stop: () => apollo.stop(),
  };
}
