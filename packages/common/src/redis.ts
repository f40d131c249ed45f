import { Redis } from 'ioredis';
import { dependencyLimits } from './limits';

/**
 * A Redis client whose every command answers or fails within the budgets of limits.ts: ioredis
 * waits forever on a server that accepted the connection and went silent. maskErrors answers its
 * timeouts and give-ups UNAVAILABLE.
 */
export function connectRedis(url: string, namespace: string): Redis {
  // keyPrefix keeps every run's keys apart
  return new Redis(url, {
    keyPrefix: `${namespace}:`,
    connectTimeout: dependencyLimits.redis.connectTimeoutMs,
    commandTimeout: dependencyLimits.redis.commandTimeoutMs,
    maxRetriesPerRequest: dependencyLimits.redis.maxRetriesPerRequest,
    lazyConnect: false,
  });
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
}
