import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Config,
  createLogger,
  type DestinationStream,
  type HttpLimits,
  listen,
  type Logger,
  parseConfig,
  type RunningServer,
  type ServiceApp,
  type AnySubgraphDefinition,
  connectRedis,
  RedisVersionStore,
  type SubgraphName,
  subgraphManifest,
  subgraphPaths,
} from '@reel/common';
import { createRestApp } from '@reel/compat-rest';
import { createLocalGatewayClient } from '@reel/compat-rest/local-gateway-client';
import { createGatewayApp } from '@reel/gateway';
import type { FeedCache } from '@reel/gateway/feed-cache';
import type { GatewayOverrides } from '@reel/gateway/limits';
import type { RealtimeEdge } from '@reel/gateway/realtime/edge';
import { migrateAll, runEnv } from '@reel/testkit';

type AnySubgraph = Awaited<ReturnType<AnySubgraphDefinition['create']>>;

/** A gateway of the stack: where it listens, and its realtime edge (stats for tests). */
export interface StackGateway {
  url: string;
  realtime: RealtimeEdge;
}

/**
 * single: what `npm start` runs, every service in one process (the gateway runs the subgraphs,
 * compat-rest runs its operations in the gateway without HTTP); services: each service speaks
 * HTTP to the next, as containers run them.
 */
export type Topology = 'single' | 'services';

/**
 * The topology a stack gets when its test does not choose (GATEWAY_SUBGRAPHS): REEL_TOPOLOGY of
 * the jest run, `services` by default (tests that name a topology run in it either way).
 */
export const defaultTopology: Topology =
  process.env.REEL_TOPOLOGY === 'single' ? 'single' : 'services';

export interface Stack {
  config: Config;
  topology: Topology;
  gatewayUrl: string;
  restUrl: string;
  /** The gateway's realtime edge. */
  realtime: RealtimeEdge;
  /**
   * Another gateway instance on a port of its own, in front of the same subgraphs (as behind a
   * load balancer); stopped with the stack.
   */
  startGateway(): Promise<StackGateway>;
  /**
   * A second instance of the whole stack on the same database, Redis and namespace, as a second
   * worker or machine would be: its own subgraph apps (inside its own gateway), gateway and
   * compat-rest, with their own in-process caches; stopped with the stack.
   */
  startReplica(): Promise<StackReplica>;
  /**
   * Bumps cache versions (README "Caches and consistency") for rows a test wrote straight to
   * the tables, as the write paths do after their commits.
   */
  bumpCacheVersions(keys: readonly string[]): Promise<void>;
  /** The current cache version of each key, as the caches read them. */
  cacheVersions(keys: readonly string[]): Promise<string[]>;
  /** The compat-rest app's caches (hit and load counts). */
  rest: ReturnType<typeof createRestApp>;
  /** The gateway's GraphQL feed page cache (hit and load counts). */
  gatewayFeedCache: FeedCache['pages'];
  /** This stack's own database and namespace: no other test file sees its rows or events. */
  mysqlUrl: string;
  namespace: string;
  /** Each subgraph app and where it listens (straight to it, around the gateway). */
  subgraphs: Record<SubgraphName, AnySubgraph & { url: string }>;
  mediaDir: string;
  /** Where this stack's compat-rest spools uploads (its own: no other test's files are there). */
  restSpoolDir: string;
  close(): Promise<void>;
}

export interface StackReplica {
  gatewayUrl: string;
  restUrl: string;
  rest: ReturnType<typeof createRestApp>;
  gatewayFeedCache: FeedCache['pages'];
}

export interface StackOptions {
  /** Where every service logs (JSON lines); stdout when absent. See `captureLogs`. */
  logDestination?: DestinationStream;
  /**
   * Ports on 127.0.0.1 where the services (not the migrations run first) reach MySQL and Redis:
   * TcpProxy relays in front of the real servers, for outage tests.
   */
  mysqlPort?: number;
  redisPort?: number;
  /** Every server's HTTP limits, smaller than the real ones for timeout tests. */
  httpLimits?: Partial<HttpLimits>;
  /**
   * The URL the gateway and its readiness use for a remote subgraph listening at `url`: a test
   * returns a TcpProxy's, to take that subgraph down and bring it back on the same address.
   */
  gatewaySubgraphUrl?: (name: SubgraphName, url: string) => Promise<string>;
  /** Limits of every gateway of the stack tightened, so a test reaches them in seconds. */
  gateway?: GatewayOverrides;
}

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function viaLocalPort(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);
  return relayed.toString();
}

/** What every test stack has of its own, and the env that points its services there. */
export interface StackBase {
  /** Migrated; dropped with the run's database by jest's globalTeardown. */
  mysqlUrl: string;
  /** Redis keys, NATS subjects and JetStream streams. */
  namespace: string;
  mediaDir: string;
  env: Record<string, string | undefined>;
}

/** A database, namespace and media directory of a stack's own; `env` overrides the rest. */
export async function stackBase(
  env: Record<string, string> = {},
  relays: Pick<StackOptions, 'mysqlPort' | 'redisPort'> = {},
): Promise<StackBase> {
  const run = runEnv();
  const suffix = randomBytes(3).toString('hex');
  const namespace = `${run.namespace}_${suffix}`;
  const mysqlUrlObject = new URL(run.mysqlUrl);
  mysqlUrlObject.pathname = `${mysqlUrlObject.pathname}_${suffix}`;
  const mysqlUrl = mysqlUrlObject.toString();
  await migrateAll(mysqlUrl);
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'reel-media-'));
  return {
    mysqlUrl,
    namespace,
    mediaDir,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      HOST: '127.0.0.1',
      MYSQL_URL: viaLocalPort(mysqlUrl, relays.mysqlPort),
      REEL_NAMESPACE: namespace,
      REDIS_URL: viaLocalPort(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, relays.redisPort),
      NATS_URL: process.env.NATS_URL,
      MEDIA_DIR: mediaDir,
      ...env,
    },
  };
}

/**
 * The whole stack in this process, every service on its own free port, on a database and
 * namespace of its own (so a test file owns its feed). `env` overrides configuration; its
 * GATEWAY_SUBGRAPHS picks the topology: `in-process` is the single one (the gateway calls the
 * subgraph apps, and compat-rest the gateway, without HTTP), `remote` the services one, where
 * each speaks HTTP to the next; unset, `defaultTopology`. The subgraphs listen on ports of their
 * own in both, for tests that call them directly.
 */
export async function startStack(
  env: Record<string, string> = {},
  options: StackOptions = {},
): Promise<Stack> {
  const {
    mysqlUrl,
    namespace,
    mediaDir,
    env: baseEnv,
  } = await stackBase(
    {
      GATEWAY_SUBGRAPHS: defaultTopology === 'single' ? 'in-process' : 'remote',
      ...env,
    },
    options,
  );
  const restSpoolDir = mkdtempSync(path.join(tmpdir(), 'reel-rest-spool-'));
  const started: { server: RunningServer; close: () => Promise<void> }[] = [];
  const redis = connectRedis(baseEnv.REDIS_URL!, namespace);
  const cacheVersions = new RedisVersionStore(redis);
  const closeAll = async () => {
    for (const { server, close } of started.reverse()) {
      await server.close();
      await close();
    }
    for (const dir of [mediaDir, restSpoolDir]) rmSync(dir, { recursive: true, force: true });
    await redis.quit().catch(() => undefined);
  };
  // builds one service with its own logger, listens, and registers it for closeAll
  const serve = async <T extends ServiceApp>(
    name: string,
    config: Config,
    build: (log: Logger) => Promise<T>,
    port = 0,
  ) => {
    const log = createLogger(config, name, options.logDestination);
    const service = await build(log);
    const server = await listen(service.app, {
      name,
      port,
      host: '127.0.0.1',
      log,
      attach: service.attach,
      limits: options.httpLimits,
    });
    started.push({ server, close: service.close });
    return { ...service, url: server.url };
  };
  try {
    // media URLs are built from the gateway's address, so reserve its port first
    const gatewayPort = await freePort();
    const gatewayAddress = {
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    };
    const subgraphConfig = parseConfig({ ...baseEnv, ...gatewayAddress });
    const subgraphs = {} as Record<SubgraphName, AnySubgraph & { url: string }>;
    for (const { name } of subgraphManifest) {
      const { subgraph } = (await import(subgraphPaths(name).packageName)) as {
        subgraph: AnySubgraphDefinition;
      };
      subgraphs[name] = await serve(name, subgraphConfig, (log) =>
        subgraph.create(subgraphConfig, log),
      );
    }

    const gatewaySubgraphUrl = options.gatewaySubgraphUrl ?? (async (_name, url) => url);
    const subgraphUrls = await Promise.all(
      subgraphManifest.map(async ({ name }) => [
        `${name.toUpperCase()}_URL`,
        await gatewaySubgraphUrl(name, subgraphs[name].url),
      ]),
    );
    const config = parseConfig({
      ...baseEnv,
      ...gatewayAddress,
      ...Object.fromEntries(subgraphUrls),
    });
    const topology: Topology = config.gateway.subgraphs === 'in-process' ? 'single' : 'services';
    const inProcess = topology === 'single' ? subgraphs : {};
    const gateway = await serve(
      'gateway',
      config,
      (log) => createGatewayApp(config, log, inProcess, options.gateway),
      gatewayPort,
    );
    const rest = await serve('compat-rest', config, async (log) =>
      createRestApp(config, log, {
        spoolDir: restSpoolDir,
        gateway: topology === 'single' ? createLocalGatewayClient(gateway.local) : undefined,
      }),
    );

    const startReplica = async (): Promise<StackReplica> => {
      const replicaPort = await freePort();
      // media URLs stay the first gateway's, so both instances answer the same bytes
      const replicaConfig = parseConfig({
        ...baseEnv,
        ...gatewayAddress,
        GATEWAY_PORT: String(replicaPort),
        GATEWAY_SUBGRAPHS: 'in-process',
      });
      const replicaSubgraphs = {} as Record<SubgraphName, AnySubgraph & { url: string }>;
      for (const { name } of subgraphManifest) {
        const { subgraph } = (await import(subgraphPaths(name).packageName)) as {
          subgraph: AnySubgraphDefinition;
        };
        replicaSubgraphs[name] = await serve(`${name}-replica`, replicaConfig, (log) =>
          subgraph.create(replicaConfig, log),
        );
      }
      const replicaGateway = await serve(
        'gateway-replica',
        replicaConfig,
        (log) => createGatewayApp(replicaConfig, log, replicaSubgraphs),
        replicaPort,
      );
      const replicaRest = await serve('compat-rest-replica', replicaConfig, async (log) =>
        createRestApp(replicaConfig, log, { spoolDir: restSpoolDir }),
      );
      return {
        gatewayUrl: replicaGateway.url,
        restUrl: replicaRest.url,
        rest: replicaRest,
        gatewayFeedCache: replicaGateway.feedCache.pages,
      };
    };

    return {
      config,
      topology,
      gatewayUrl: gateway.url,
      restUrl: rest.url,
      realtime: gateway.realtime,
      rest,
      gatewayFeedCache: gateway.feedCache.pages,
      startReplica,
      bumpCacheVersions: (keys) => cacheVersions.bump(keys),
      cacheVersions: (keys) => cacheVersions.current(keys),
      startGateway: async () => {
        const another = await serve('gateway', config, (log) =>
          createGatewayApp(config, log, inProcess, options.gateway),
        );
        return { url: another.url, realtime: another.realtime };
      },
      mysqlUrl,
      namespace,
      subgraphs,
      mediaDir,
      restSpoolDir,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// Ports a test reserves for a server that listens later (a child process, the gateway once its
// subgraphs are up) come from below Linux's ephemeral range (32768-60999): a port chosen there
// could meanwhile become the local port of any outgoing connection (a MySQL pool's), and the
// later listen fail with EADDRINUSE. Here only another test's pick can collide, and each is
// checked by a bind.
const RESERVED_PORTS = { from: 20_000, to: 32_000 };

/** A port nothing listens on now, outside the ephemeral range, for a server that listens soon. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  for (;;) {
    const port =
      RESERVED_PORTS.from + Math.floor(Math.random() * (RESERVED_PORTS.to - RESERVED_PORTS.from));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/**
 * The gateway's `/readyz` report of every subgraph when all is well: each subgraph's own checks,
 * named `<subgraph>.<check>` in both topologies; built from the stack, so a new subgraph needs no
 * edit here or in the tests that use it.
 */
export function subgraphChecksOk(stack: Stack): Record<string, 'ok'> {
  return Object.fromEntries(
    subgraphManifest.flatMap(({ name }) =>
      Object.keys(stack.subgraphs[name].checks).map((check) => [`${name}.${check}`, 'ok' as const]),
    ),
  );
}
