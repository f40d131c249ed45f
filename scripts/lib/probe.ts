import { connect as tcpConnect } from 'node:net';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { connect as natsConnect } from 'nats';
import { withDeadline } from '@reel/common/service';
import { describeError } from './deadline';

export type InfraName = 'mysql' | 'redis' | 'nats';

/** One of the servers the stack needs, at the URL the configuration names. */
export interface InfraTarget {
  name: InfraName;
  label: string;
  /** the variable that moves it, for messages */
  envVar: string;
  url: string;
  host: string;
  port: number;
  standardPort: number;
  /** a real round trip, not just a TCP accept */
  ping(timeoutMs: number): Promise<void>;
}

export type ProbeResult = { ok: true } | { ok: false; stage: 'tcp' | 'ping'; reason: string };

export function infraTargets(urls: { mysql: string; redis: string; nats: string }): InfraTarget[] {
  const mysqlUrl = new URL(urls.mysql);
  const redisUrl = new URL(urls.redis);
  // NATS_URL may be a comma-separated server list, with or without a scheme; the first is probed
  const firstNats = urls.nats.split(',')[0]?.trim() ?? '';
  const natsUrl = new URL(firstNats.includes('://') ? firstNats : `nats://${firstNats}`);
  return [
    {
      name: 'mysql',
      label: 'MySQL',
      envVar: 'MYSQL_URL',
      url: urls.mysql,
      host: hostOf(mysqlUrl),
      port: Number(mysqlUrl.port || 3306),
      standardPort: 3306,
      ping: (timeoutMs) => pingMysqlServer(urls.mysql, timeoutMs),
    },
    {
      name: 'redis',
      label: 'Redis',
      envVar: 'REDIS_URL',
      url: urls.redis,
      host: hostOf(redisUrl),
      port: Number(redisUrl.port || 6379),
      standardPort: 6379,
      ping: (timeoutMs) => pingRedisServer(urls.redis, timeoutMs),
    },
    {
      name: 'nats',
      label: 'NATS',
      envVar: 'NATS_URL',
      url: urls.nats,
      host: hostOf(natsUrl),
      port: Number(natsUrl.port || 4222),
      standardPort: 4222,
      ping: (timeoutMs) => pingNatsServer(urls.nats, timeoutMs),
    },
  ];
}

/** TCP first, so "nothing listens" and "something listens but does not answer" read differently. */
export async function probe(target: InfraTarget, timeoutMs: number): Promise<ProbeResult> {
  try {
    await tcpReachable(target.host, target.port, timeoutMs);
  } catch (error) {
    return { ok: false, stage: 'tcp', reason: describeError(error) };
  }
  try {
    await target.ping(timeoutMs);
  } catch (error) {
    return { ok: false, stage: 'ping', reason: describeError(error) };
  }
  return { ok: true };
}

/** Throws unless the target answers a real ping; for pollUntil. */
export async function answers(target: InfraTarget, timeoutMs: number): Promise<void> {
  const result = await probe(target, timeoutMs);
  if (!result.ok) throw new Error(result.reason);
}

export function isLocalHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(host);
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
}

function tcpReachable(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no TCP answer from ${host}:${port} within ${timeoutMs} ms`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(new Error(`nothing listens on ${host}:${port} (${describeError(error)})`));
    });
  });
}

async function pingMysqlServer(url: string, timeoutMs: number): Promise<void> {
  // the server, not the database: the database may not exist yet (ensureDatabase creates it)
  const serverUrl = new URL(url);
  serverUrl.pathname = '/';
  const connecting = mysql.createConnection({
    uri: serverUrl.toString(),
    connectTimeout: timeoutMs,
  });
  const connection = await withDeadline(
    connecting,
    timeoutMs,
    `MySQL did not answer within ${timeoutMs} ms`,
  ).catch((error: unknown) => {
    connecting.then(
      (late) => late.destroy(),
      () => undefined,
    );
    throw error;
  });
  try {
    await withDeadline(
      connection.query('SELECT 1'),
      timeoutMs,
      `MySQL did not answer SELECT 1 within ${timeoutMs} ms`,
    );
  } finally {
    connection.destroy();
  }
}

async function pingRedisServer(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the same failure rejects the promise below
  try {
    await withDeadline(
      (async () => {
        await redis.connect();
        const answer = await redis.ping();
        if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
      })(),
      timeoutMs,
      `Redis did not answer PING within ${timeoutMs} ms`,
    );
  } finally {
    redis.disconnect();
  }
}

async function pingNatsServer(url: string, timeoutMs: number): Promise<void> {
  const connecting = natsConnect({
    servers: url.split(','),
    name: 'reel-probe',
    timeout: timeoutMs,
    reconnect: false,
  });
  const nc = await withDeadline(
    connecting,
    timeoutMs,
    `NATS did not answer within ${timeoutMs} ms`,
  ).catch((error: unknown) => {
    connecting.then(
      (late) => late.close(),
      () => undefined,
    );
    throw error;
  });
  try {
    await withDeadline(nc.flush(), timeoutMs, `NATS did not answer a flush within ${timeoutMs} ms`);
  } finally {
    await nc.close();
  }
}
