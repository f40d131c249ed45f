import { z } from 'zod';

// The development secret is public (it is in this file); production refuses it and anything short.
const DEV_JWT_SECRET = 'reel-development-secret-do-not-use-in-production';
const MIN_JWT_SECRET_LENGTH = 32; // characters; HS256 wants at least 256 bits of key

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const MiB = 1024 * 1024;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    HOST: z.string().default('0.0.0.0'),
    MYSQL_URL: z.url({ protocol: /^mysql$/ }).default('mysql://root@127.0.0.1:3306/reel'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    // Prefix of Redis keys, NATS subjects and JetStream streams, so test runs never collide.
    REEL_NAMESPACE: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lowercase letters, digits and _, starting with a letter')
      .default('reel'),
    JWT_SECRET: z.string().default(DEV_JWT_SECRET),
    JWT_ISSUER: z.string().min(1).default('reel'),
    JWT_AUDIENCE: z.string().min(1).default('reel-api'),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(7 * 24 * 3600),
    GATEWAY_PORT: port(4000),
    USER_PORT: port(4001),
    VIDEO_PORT: port(4002),
    REST_PORT: port(8080),
    // remote: each subgraph its own process, over HTTP; in-process: the gateway runs them itself
    GATEWAY_SUBGRAPHS: z.enum(['remote', 'in-process']).default('remote'),
    USER_URL: z.url().optional(),
    VIDEO_URL: z.url().optional(),
    GATEWAY_URL: z.url().optional(),
    // Absolute base of media URLs handed to clients; phones cannot reach localhost.
    PUBLIC_BASE_URL: z.url().optional(),
    MEDIA_DIR: z.string().default('.data/media'),
    MAX_UPLOAD_MIB: z.coerce.number().positive().max(4096).default(100),
    MAX_UPLOAD_FILES: z.coerce.number().int().positive().max(10).default(1),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET === DEV_JWT_SECRET || env.JWT_SECRET.length < MIN_JWT_SECRET_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `production needs a random secret of at least ${MIN_JWT_SECRET_LENGTH} characters, not the development default`,
      });
    }
    if (!env.PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: 'production needs the public base URL',
      });
    }
  });

export type RawEnv = Record<string, string | undefined>;

function buildConfig(env: z.infer<typeof envSchema>) {
  const local = (p: number) => `http://127.0.0.1:${p}`;
  const gatewayUrl = env.GATEWAY_URL ?? local(env.GATEWAY_PORT);
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    host: env.HOST,
    namespace: env.REEL_NAMESPACE,
    mysql: { url: env.MYSQL_URL },
    redis: { url: env.REDIS_URL },
    nats: { url: env.NATS_URL },
    auth: {
      secret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.JWT_TTL_SECONDS,
    },
    gateway: { port: env.GATEWAY_PORT, url: gatewayUrl, subgraphs: env.GATEWAY_SUBGRAPHS },
    rest: { port: env.REST_PORT },
    subgraphs: {
      user: { port: env.USER_PORT, url: env.USER_URL ?? local(env.USER_PORT) },
      video: { port: env.VIDEO_PORT, url: env.VIDEO_URL ?? local(env.VIDEO_PORT) },
    },
    media: {
      dir: env.MEDIA_DIR,
      publicBaseUrl: (env.PUBLIC_BASE_URL ?? gatewayUrl).replace(/\/+$/, ''),
      maxUploadBytes: Math.floor(env.MAX_UPLOAD_MIB * MiB),
      maxUploadFiles: env.MAX_UPLOAD_FILES,
    },
  } as const;
}

export type Config = ReturnType<typeof buildConfig>;
export type SubgraphName = keyof Config['subgraphs'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; throws ConfigError listing every problem. */
export function parseConfig(raw: RawEnv = process.env): Config {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`),
    );
  }
  return deepFreeze(buildConfig(result.data));
}

/** For main.ts files: parse, or print every problem and exit 1. */
export function loadConfig(raw: RawEnv = process.env): Config {
  try {
    return parseConfig(raw);
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
