import type { Redis } from 'ioredis';
import { appError } from '@reel/common';

export { addressKey } from '@reel/common';
import type { GraphQLError } from 'graphql';

/** One Redis counter of attempts, created with its window and gone when the window ends. */
export interface Counter {
  key: string;
  windowSeconds: number;
}

export interface Count {
  attempts: number;
  /** Seconds until the counter's window ends. */
  retryAfterSeconds: number;
}

/**
 * Adds one to every counter in one MULTI, before the attempt is judged: INCR is atomic, so
 * parallel attempts all count, and none is checked against a stale number.
 */
export async function countAttempt(redis: Redis, counters: readonly Counter[]): Promise<Count[]> {
  const multi = redis.multi();
  for (const { key, windowSeconds } of counters) {
    multi.incr(key).expire(key, windowSeconds, 'NX').ttl(key);
  }
  const replies = (await multi.exec()) ?? [];
  return counters.map((counter, i) => {
    const attempts = replies[i * 3]?.[1];
    const ttl = replies[i * 3 + 2]?.[1];
    return {
      attempts: typeof attempts === 'number' ? attempts : Number.POSITIVE_INFINITY,
      retryAfterSeconds: typeof ttl === 'number' && ttl > 0 ? ttl : counter.windowSeconds,
    };
  });
}

export function rateLimited(message: string, count: Count): GraphQLError {
  return appError('RATE_LIMITED', message, { retryAfterSeconds: count.retryAfterSeconds });
}
