import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type Express, type RequestHandler } from 'express';
import { type DocumentNode, type GraphQLFormattedError, parse } from 'graphql';
import { viewerFromAuthorization, type Viewer } from './auth';
import type { ConfigOf, EnvSliceName } from './env';
import { asRequestError, logOperationErrors, maskErrors } from './errors';
import { subgraphPaths, type SubgraphName } from './manifest';
import { connectMysql, migrateSubgraph, type Mysql, pingMysql } from './mysql';
import type { Logger } from './logger';
import { measureLoaderBatches, metrics, operationStatements } from './metrics';
import { inSpan, tracingEnabled } from './tracing';
import { clientIpHeader, forwardedClientIp, requireSubgraphSecret } from './subgraph-secret';
import {
  createHttpApp,
  discardBodyAfterResponse,
  finishHttpApp,
  type ReadinessChecks,
  requestLocals,
  runService,
} from './service';

/** The whole request context, in every subgraph: small on purpose (see STYLE.md). */
export interface SubgraphContext<TLoaders> {
  viewer: Viewer | null;
  loaders: TLoaders;
  requestId: string;
  log: Logger;
  /** The client's address as the gateway saw it; null when unknown (a test calling directly). */
  clientIp: string | null;
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
  config: ConfigOf<'auth' | 'internal'>;
  log: Logger;
  typeDefs: DocumentNode;
  // Generated resolver maps are stricter than @apollo/subgraph's; both describe the same object.
  resolvers: unknown;
  createLoaders: (viewer: Viewer | null) => TLoaders;
  checks: ReadinessChecks;
  /** Middleware run before GraphQL on /graphql (the video subgraph's multipart uploads). */
  beforeGraphql?: RequestHandler[];
}

/** Who is asking and how to log it, when an operation runs without HTTP (in-process gateway). */
export interface LocalRequestMeta {
  requestId: string;
  log: Logger;
  clientIp: string | null;
}

/** Counts the operations a subgraph receives, over HTTP or in-process; tests assert on it. */
export class OperationCounter {
  count = 0;
}

export interface SubgraphApp<TLoaders> {
  app: Express;
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  /** Every operation this subgraph was asked to run, valid or not. */
  operations: OperationCounter;
  /** A context as a request would build it; tests use it with `apollo.executeOperation`. */
  contextFor(viewer: Viewer | null): SubgraphContext<TLoaders>;
  /** What /readyz asks; a gateway running this subgraph in-process asks the same. */
  checks: ReadinessChecks;
  /** Runs an operation in this process, as the viewer, through the same pipeline as HTTP. */
  executeAs(
    viewer: Viewer | null,
    request: LocalRequest,
    meta?: LocalRequestMeta,
  ): Promise<LocalResult>;
  stop(): Promise<void>;
}

/** Builds a subgraph's HTTP app without listening. */
export async function createSubgraphApp<TLoaders>(
  options: SubgraphOptions<TLoaders>,
): Promise<SubgraphApp<TLoaders>> {
  const { name, config, log } = options;
  const operations = new OperationCounter();
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    formatError: maskErrors(),
    includeStacktraceInErrorResponses: false,
    // Subgraphs sit behind the gateway, which decides what the public may introspect.
    introspection: true,
    csrfPrevention: true,
    // shutdown is ours (stopOnSignals): Apollo's own handler would exit before connections drain
    stopOnTerminationSignals: false,
    // No Apollo Studio and no cache hints here: skip the per-field trace and cache-policy work,
    // each a wrapper around every field resolver
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      logOperationErrors(log),
      {
        async requestDidStart() {
          operations.count += 1;
        },
      },
    ],
  });
  await apollo.start();

  const contextFor = (
    viewer: Viewer | null,
    requestId = 'local',
    requestLog = log,
    clientIp: string | null = null,
  ): SubgraphContext<TLoaders> => {
    const loaders = options.createLoaders(viewer);
    measureLoaderBatches(name, loaders);
    return { viewer, loaders, requestId, log: requestLog, clientIp };
  };
  const sqlHistogram = metrics.sqlPerOperation.labels(name);

  const app = createHttpApp(name, log, options.checks);
  app.use(
    '/graphql',
    discardBodyAfterResponse,
    // before any body is read: an upload without the secret is refused, not spooled
    requireSubgraphSecret(config.internal.subgraphSecret),
    ...(options.beforeGraphql ?? []),
    express.json({ limit: '1mb' }),
    // after the body parsers, whose callbacks run outside the request's async context
    (_req, res, next) => {
      const statements = { count: 0 };
      res.once('finish', () => sqlHistogram.observe(statements.count));
      operationStatements.run(statements, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { requestId, log: requestLog } = requestLocals(res);
        // Subgraphs re-verify the forwarded token: they are never trusted to be private.
        try {
          const viewer = await viewerFromAuthorization(config.auth, req.headers.authorization);
          const clientIp = forwardedClientIp(req.headers[clientIpHeader]);
          return contextFor(viewer, requestId, requestLog, clientIp);
        } catch (error) {
          throw asRequestError(error);
        }
      },
    }),
  );
  finishHttpApp(app);
  const executeAs = async (
    viewer: Viewer | null,
    request: LocalRequest,
    meta?: LocalRequestMeta,
  ): Promise<LocalResult> => {
    const contextValue = contextFor(
      viewer,
      meta?.requestId,
      meta?.log.child({ subgraph: name }) ?? log,
      meta?.clientIp,
    );
    const statements = { count: 0 };
    const execute = () =>
      operationStatements.run(statements, () => apollo.executeOperation(request, { contextValue }));
    // in-process the gateway's fetch span is already active: this one marks the subgraph's part
    const result = await (tracingEnabled()
      ? inSpan(
          `${name} operation`,
          { attributes: { 'reel.service': name, 'graphql.operation.name': request.operationName } },
          execute,
        )
      : execute());
    sqlHistogram.observe(statements.count);
    if (result.body.kind !== 'single')
      throw new Error('incremental delivery is not used between gateway and subgraphs');
    return { data: result.body.singleResult.data, errors: result.body.singleResult.errors };
  };
  return {
    app,
    apollo,
    operations,
    contextFor: (viewer) => contextFor(viewer),
    checks: options.checks,
    executeAs,
    stop: () => apollo.stop(),
  };
}

/** What a subgraph adds to the common shape: its resolvers, loaders and extra dependencies. */
export interface SubgraphParts<TLoaders> {
  resolvers: unknown;
  /** Per request: the gateway sends every representation of a fetch node at once. */
  createLoaders: (viewer: Viewer | null) => TLoaders;
  /** Readiness checks beyond MySQL, which every subgraph has. */
  checks?: ReadinessChecks;
  beforeGraphql?: RequestHandler[];
  /** Stops what setup started (relays, Redis) after the server stopped taking operations. */
  close?: () => Promise<void>;
}

export interface SubgraphSpec<
  K extends EnvSliceName,
  TTables extends Record<string, unknown>,
  TLoaders,
> {
  name: SubgraphName;
  /** Env slices beyond mysql, auth and internal, which every subgraph parses. */
  env: readonly K[];
  /** Drizzle tables, for the typed `mysql.db` handed to setup. */
  tables: TTables;
  setup(context: {
    config: ConfigOf<SubgraphSlices<K>>;
    log: Logger;
    mysql: Mysql<TTables>;
  }): Promise<SubgraphParts<TLoaders>>;
}

type SubgraphSlices<K extends EnvSliceName> = K | 'mysql' | 'auth' | 'internal';

export interface RunningSubgraph<
  TTables extends Record<string, unknown>,
  TLoaders,
> extends SubgraphApp<TLoaders> {
  mysql: Mysql<TTables>;
  close(): Promise<void>;
}

/** A subgraph as data: everything the gateway, `npm start`, tests and main.ts need to run it. */
export interface SubgraphDefinition<
  K extends EnvSliceName = EnvSliceName,
  TTables extends Record<string, unknown> = Record<string, unknown>,
  TLoaders = unknown,
> {
  name: SubgraphName;
  env: readonly SubgraphSlices<K>[];
  schemaFile: string;
  migrationsFolder: string;
  typeDefs: DocumentNode;
  /** Builds the subgraph without listening; `close` releases everything it opened. */
  create(
    config: ConfigOf<SubgraphSlices<K>>,
    log: Logger,
  ): Promise<RunningSubgraph<TTables, TLoaders>>;
}

/**
 * One subgraph, by the folder shape of ARCHITECTURE.md: the SDL and migrations come from
 * `subgraphs/<name>/`, MySQL and readiness are common, the spec adds only what is its own.
 */
export function defineSubgraph<
  K extends EnvSliceName,
  TTables extends Record<string, unknown>,
  TLoaders,
>(spec: SubgraphSpec<K, TTables, TLoaders>): SubgraphDefinition<K, TTables, TLoaders> {
  const paths = subgraphPaths(spec.name);
  const typeDefs = parse(readFileSync(paths.schemaFile, 'utf8'));
  return {
    name: spec.name,
    env: [...new Set<SubgraphSlices<K>>(['mysql', 'auth', 'internal', ...spec.env])],
    schemaFile: paths.schemaFile,
    migrationsFolder: paths.migrationsFolder,
    typeDefs,
    async create(config, log) {
      const mysql = connectMysql(config.mysql.url, spec.tables);
      let parts: SubgraphParts<TLoaders>;
      try {
        parts = await spec.setup({ config, log, mysql });
      } catch (error) {
        await mysql.close();
        throw error;
      }
      const subgraph = await createSubgraphApp({
        name: spec.name,
        config,
        log,
        typeDefs,
        resolvers: parts.resolvers,
        createLoaders: parts.createLoaders,
        checks: { mysql: () => pingMysql(mysql.pool), ...parts.checks },
        beforeGraphql: parts.beforeGraphql,
      });
      return {
        ...subgraph,
        mysql,
        async close() {
          await subgraph.stop();
          await parts.close?.();
          await mysql.close();
        },
      };
    },
  };
}

/** A definition whatever its tables and loaders: what lists of subgraphs hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ApolloServer<C> is invariant in C
export type AnySubgraphDefinition = SubgraphDefinition<EnvSliceName, any, any>;

/**
 * The whole of a subgraph's main.ts: parse its env slices, migrate, build, listen on
 * SUBGRAPH_HOST (loopback by default: only the gateway should reach a subgraph).
 */
export function runSubgraph(definition: AnySubgraphDefinition): void {
  runService(
    definition.name,
    ['subgraphs', ...definition.env] as const,
    (config) => config.subgraphs[definition.name].port,
    async (config, log) => {
      await migrateSubgraph(config.mysql.url, definition.name, definition.migrationsFolder);
      return definition.create(config, log);
    },
    (config) => config.internal.subgraphHost,
  );
}
