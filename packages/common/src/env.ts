import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { subgraphManifest, type SubgraphName } from './manifest';

// The development secret is public (it is in this file); production refuses it, and every
// environment refuses a secret that is set but short (nobody means a weak one).
const DEV_JWT_SECRET = 'reel-development-secret-do-not-use-in-production';
const MIN_JWT_SECRET_LENGTH = 32; // characters; HS256 wants at least 256 bits of key
// Public like the JWT one: production refuses it and anything short.
const DEV_SUBGRAPH_SECRET = 'reel-development-subgraph-secret-do-not-use-in-production';
const MIN_SUBGRAPH_SECRET_LENGTH = 32; // characters
const DEFAULT_GATEWAY_PORT = 4000;

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const MiB = 1024 * 1024;
const local = (p: number) => `http://127.0.0.1:${p}`;

type Issue = { path: string; message: string };

/** One part of the environment: its variables, what they become, and production's rules. */
interface Slice<TShape extends z.ZodRawShape, TValue> {
  shape: TShape;
  build(env: z.infer<z.ZodObject<TShape>>): TValue;
  productionIssues?(env: z.infer<z.ZodObject<TShape>>): Issue[];
}
const slice = <TShape extends z.ZodRawShape, TValue>(s: Slice<TShape, TValue>) => s;

const gatewayAddress = {
  GATEWAY_PORT: port(DEFAULT_GATEWAY_PORT),
  GATEWAY_URL: z.url().optional(),
};
// Express "trust proxy" names (proxy-addr): 127.0.0.0/8 + ::1, 169.254.0.0/16 + fe80::/10,
// and the private ranges 10/8, 172.16/12, 192.168/16 + fc00::/7.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyEntry = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    prefix === undefined ||
    (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
};
const trustedProxies = z
  .string()
  .default('loopback')
  .transform((value) =>
    value.trim() === 'none'
      ? []
      : value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
  )
  .refine((entries) => entries.every(isProxyEntry), {
    message:
      'none, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges',
  });

const gatewayUrlOf = (env: { GATEWAY_PORT: number; GATEWAY_URL?: string | undefined }) =>
  env.GATEWAY_URL ?? local(env.GATEWAY_PORT);

const base = slice({
  shape: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    HOST: z.string().default('0.0.0.0'),
    // Prefix of Redis keys, NATS subjects and JetStream streams, so test runs never collide.
    REEL_NAMESPACE: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lowercase letters, digits and _, starting with a letter')
      .default('reel'),
  },
  build: (env) => ({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    host: env.HOST,
    namespace: env.REEL_NAMESPACE,
  }),
});

const subgraphShape = Object.fromEntries(
  subgraphManifest.flatMap((s) => [
    [`${s.name.toUpperCase()}_PORT`, port(s.port)],
    [`${s.name.toUpperCase()}_URL`, z.url().optional()],
  ]),
) as Record<string, z.ZodType<unknown>>;

/** Each process parses only the slices it uses: the user subgraph never reads upload limits. */
export const envSlices = {
  mysql: slice({
    shape: {
      MYSQL_URL: z.url({ protocol: /^mysql$/ }).default('mysql://root@127.0.0.1:3306/reel'),
    },
    build: (env) => ({ url: env.MYSQL_URL }),
  }),
  redis: slice({
    shape: { REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379') },
    build: (env) => ({ url: env.REDIS_URL }),
  }),
  nats: slice({
    shape: { NATS_URL: z.string().default('nats://127.0.0.1:4222') },
    build: (env) => ({ url: env.NATS_URL }),
  }),
  auth: slice({
    shape: {
      JWT_SECRET: z
        .string()
        .min(
          MIN_JWT_SECRET_LENGTH,
          `a random secret of at least ${MIN_JWT_SECRET_LENGTH} characters (HS256 wants 256 bits of key)`,
        )
        .default(DEV_JWT_SECRET),
      JWT_ISSUER: z.string().min(1).default('reel'),
      JWT_AUDIENCE: z.string().min(1).default('reel-api'),
      JWT_TTL_SECONDS: z.coerce
        .number()
        .int()
        .positive()
        .default(7 * 24 * 3600),
    },
    build: (env) => ({
      secret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.JWT_TTL_SECONDS,
    }),
    productionIssues: (env) =>
      env.JWT_SECRET === DEV_JWT_SECRET || env.JWT_SECRET.length < MIN_JWT_SECRET_LENGTH
        ? [
            {
              path: 'JWT_SECRET',
              message: `production needs a random secret of at least ${MIN_JWT_SECRET_LENGTH} characters, not the development default`,
            },
          ]
        : [],
  }),
  /** Absolute base of URLs handed to clients (media, default images); phones cannot reach localhost. */
  public: slice({
    shape: { ...gatewayAddress, PUBLIC_BASE_URL: z.url().optional() },
    build: (env) => ({ baseUrl: (env.PUBLIC_BASE_URL ?? gatewayUrlOf(env)).replace(/\/+$/, '') }),
    productionIssues: (env) =>
      env.PUBLIC_BASE_URL
        ? []
        : [{ path: 'PUBLIC_BASE_URL', message: 'production needs the public base URL' }],
  }),
  media: slice({
    shape: {
      MEDIA_DIR: z.string().default('.data/media'),
      MAX_UPLOAD_MIB: z.coerce.number().positive().max(4096).default(100),
      MAX_UPLOAD_FILES: z.coerce.number().int().positive().max(10).default(1),
    },
    build: (env) => ({
      dir: env.MEDIA_DIR,
      maxUploadBytes: Math.floor(env.MAX_UPLOAD_MIB * MiB),
      maxUploadFiles: env.MAX_UPLOAD_FILES,
    }),
  }),
  gateway: slice({
    shape: {
      ...gatewayAddress,
      // remote: each subgraph its own process, over HTTP; in-process: the gateway runs them itself
      GATEWAY_SUBGRAPHS: z.enum(['remote', 'in-process']).default('remote'),
      // enforce: operations over the cost limit are refused; measure: they run, and every
      // response reports its estimated cost (extensions.cost), to learn real costs first
      GATEWAY_COST_MODE: z.enum(['enforce', 'measure']).default('enforce'),
      // whose X-Forwarded-For the gateway believes: compat-rest on the same machine by default
      TRUSTED_PROXY: trustedProxies,
    },
    build: (env) => ({
      port: env.GATEWAY_PORT,
      url: gatewayUrlOf(env),
      subgraphs: env.GATEWAY_SUBGRAPHS,
      costMode: env.GATEWAY_COST_MODE,
      /** Peers whose X-Forwarded-For is believed (Express "trust proxy"); [] believes nobody. */
      trustedProxies: env.TRUSTED_PROXY,
    }),
  }),
  /**
   * Between the gateway and the subgraphs: the secret every subgraph /graphql request carries,
   * and the interface subgraph processes listen on (loopback unless they run in containers).
   */
  internal: slice({
    shape: {
      SUBGRAPH_SECRET: z.string().default(DEV_SUBGRAPH_SECRET),
      SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
    },
    build: (env) => ({ subgraphSecret: env.SUBGRAPH_SECRET, subgraphHost: env.SUBGRAPH_HOST }),
    productionIssues: (env) =>
      env.SUBGRAPH_SECRET === DEV_SUBGRAPH_SECRET ||
      env.SUBGRAPH_SECRET.length < MIN_SUBGRAPH_SECRET_LENGTH
        ? [
            {
              path: 'SUBGRAPH_SECRET',
              message: `production needs a random secret of at least ${MIN_SUBGRAPH_SECRET_LENGTH} characters, shared by the gateway and every subgraph, not the development default`,
            },
          ]
        : [],
  }),
  /** `<NAME>_PORT` and `<NAME>_URL` of every subgraph in the manifest. */
  subgraphs: slice({
    shape: subgraphShape,
    build: (env) =>
      Object.fromEntries(
        subgraphManifest.map((s) => {
          const p = env[`${s.name.toUpperCase()}_PORT`] as number;
          const url = env[`${s.name.toUpperCase()}_URL`] as string | undefined;
          return [s.name, { port: p, url: url ?? local(p) }];
        }),
      ) as Record<SubgraphName, { port: number; url: string }>,
  }),
  /**
   * The sensitive-word lists (@reel/moderation): files of one word or phrase per line, `#`
   * comments. Unset, the lists shipped in packages/moderation/words/ apply.
   */
  moderation: slice({
    shape: {
      SENSITIVE_WORDS_FILE: z.string().min(1).optional(), // masked: stored as *
      BLOCKED_WORDS_FILE: z.string().min(1).optional(), // refused: nothing stored
    },
    build: (env) => ({
      maskedWordsFile: env.SENSITIVE_WORDS_FILE ?? null,
      blockedWordsFile: env.BLOCKED_WORDS_FILE ?? null,
    }),
  }),
  /** Per client address limits of the gateway and of compat-rest, each counting its own. */
  rateLimits: slice({
    shape: {
      // requests per minute from one client address (an IPv6 /64 counts as one), per door:
      // generous, since a carrier NAT puts many phones behind one address
      RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
    },
    build: (env) => ({ ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE }),
  }),
  rest: slice({
    shape: { REST_PORT: port(8080) },
    build: (env) => ({ port: env.REST_PORT }),
  }),
  /**
   * Tracing and metrics, read by every process (runService). Traces are exported only when an
   * OTLP endpoint is set; unset, no tracer is installed and requests pay nothing for it.
   */
  telemetry: slice({
    shape: {
      // the OTLP/HTTP base URL (the collector's or Jaeger's :4318); /v1/traces is appended
      // empty counts as unset, so compose can turn its default off
      OTEL_EXPORTER_OTLP_ENDPOINT: z
        .union([z.literal(''), z.url({ protocol: /^https?$/ })])
        .optional(),
      OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1), // share of traces kept
      // when set, GET /metrics answers only `Authorization: Bearer <token>`
      METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    },
    build: (env) => ({
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '') || null,
      sampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
      metricsToken: env.METRICS_TOKEN ?? null,
    }),
  }),
  /**
   * How `npm start` runs the stack. single: every service in one process (the gateway with its
   * subgraphs in-process, compat-rest calling it without HTTP), as REEL_WORKERS workers sharing
   * the ports; services: each service a process of its own, as containers run them.
   */
  topology: slice({
    shape: {
      REEL_TOPOLOGY: z.enum(['single', 'services']).default('single'),
      // unset: one worker per core the OS gives this process
      REEL_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    },
    build: (env) => ({
      kind: env.REEL_TOPOLOGY,
      workers: env.REEL_WORKERS ?? availableParallelism(),
    }),
  }),
};

export type EnvSliceName = keyof typeof envSlices;
export const allEnvSlices = Object.keys(envSlices) as EnvSliceName[];
type SliceValue<K extends EnvSliceName> = ReturnType<(typeof envSlices)[K]['build']>;
type BaseConfig = ReturnType<typeof base.build>;

/** The configuration of a process that parsed the slices K (the base is always there). */
export type ConfigOf<K extends EnvSliceName> = BaseConfig & { readonly [P in K]: SliceValue<P> };
/** Every slice: `npm start`, the test stack, a gateway that runs the subgraphs in-process. */
export type Config = ConfigOf<EnvSliceName>;

export type RawEnv = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the slices asked for, once; throws ConfigError listing every problem. */
export function parseConfig<K extends EnvSliceName = EnvSliceName>(
  raw: RawEnv = process.env,
  slices: readonly K[] = allEnvSlices as K[],
): ConfigOf<K> {
  const chosen = [...new Set(slices)].map((name) => [name, envSlices[name]] as const);
  const shape = Object.assign({}, base.shape, ...chosen.map(([, s]) => s.shape)) as z.ZodRawShape;
  const schema = z.object(shape);
  const result = schema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
  // production's rules too, on the variables that parsed, so one start-up names every problem
  const invalid = new Set(result.error?.issues.map((i) => String(i.path[0])) ?? []);
  const parsed = result.success
    ? result
    : schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !invalid.has(k))));
  if (parsed.success && base.build(parsed.data as never).isProduction) {
    const issues = chosen.flatMap(([, s]) =>
      'productionIssues' in s
        ? (s.productionIssues as (e: never) => Issue[])(parsed.data as never)
        : [],
    );
    problems.push(
      ...issues.filter((i) => !invalid.has(i.path)).map((i) => `${i.path}: ${i.message}`),
    );
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const env = result.data as never;
  const config: Record<string, unknown> = base.build(env);
  for (const [name, s] of chosen) config[name] = (s.build as (e: never) => unknown)(env);
  return deepFreeze(config) as ConfigOf<K>;
}

/**
 * For a process entry, before anything loads graphql, Apollo or Express: those libraries read
 * NODE_ENV (graphql-js once, as it loads) and take their slow development paths unless it says
 * production, so they are told production. Reel's own configuration is parsed from the
 * environment as it was, which this returns: `npm start` keeps development's Sandbox,
 * introspection and default secrets, on the libraries' fast paths.
 */
export function librariesInProductionMode(): RawEnv {
  // kept for the processes this one starts (cluster workers), which inherit the changed NODE_ENV
  process.env[CONFIGURED_NODE_ENV] ??= process.env.NODE_ENV ?? '';
  const configured = { ...process.env, NODE_ENV: process.env[CONFIGURED_NODE_ENV] || undefined };
  process.env.NODE_ENV = 'production';
  return configured;
}
const CONFIGURED_NODE_ENV = 'REEL_CONFIGURED_NODE_ENV';

/** For main.ts files: parse, or print every problem and exit 1. */
export function loadConfig<K extends EnvSliceName = EnvSliceName>(
  slices?: readonly K[],
  raw: RawEnv = process.env,
): ConfigOf<K> {
  try {
    return parseConfig(raw, slices);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
