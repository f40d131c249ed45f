import { Redis } from 'ioredis';

export function connectRedis(url: string, namespace: string): Redis {
  // keyPrefix keeps every run's keys apart; maxRetriesPerRequest bounds a request during an outage.
  return new Redis(url, {
    keyPrefix: `${namespace}:`,
    maxRetriesPerRequest: 2,
    lazyConnect: false,
  });
}

export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`redis answered ${answer}`);
}
