import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { appError } from './errors';
import type { Logger } from './logger';

/** `points` per `durationSeconds`, counted per key in Redis, the window starting at the first. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Keys are `rl:<name>:<key>` under the client's namespace prefix. */
  name: string;
  limit: RateLimit;
  log: Logger;
  /**
   * How long a check waits on Redis before letting the request through (fail open): shorter than
   * the command timeout, so a stuck Redis adds at most this to a request.
   */
  storeBudgetMs: number;
  /** After Redis failed a check, checks let requests through without asking it for this long. */
  storeBackoffMs: number;
}

/**
 * A Redis-backed counter (rate-limiter-flexible) that fails open: with Redis slow or gone the
 * request goes through, after at most `storeBudgetMs`, and the outage is logged once per backoff.
 * Fail-closed limits (login, register) live in the user subgraph (domain/attempts.ts).
 */
export class FailOpenRateLimiter {
  private readonly limiter: RateLimiterRedis;
  private storeDownUntil = 0;

  constructor(
    redis: Redis,
    private readonly options: RateLimiterOptions,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `rl:${options.name}`,
      points: options.limit.points,
      duration: options.limit.durationSeconds,
      // not rejectIfRedisNotReady: a client still connecting at startup would fail open for a
      // whole backoff; a queued command is bounded by storeBudgetMs all the same
    });
  }

  get limit(): RateLimit {
    return this.options.limit;
  }

  /** Counts `points` against `key` and says whether they were within the limit. */
  consume(key: string, points = 1): Promise<RateVerdict> {
    return this.ask(() => this.limiter.consume(key, points));
  }

  /** Whether `key` has points left, without counting any (a cost known only afterwards). */
  async check(key: string): Promise<RateVerdict> {
    return this.ask(async () => {
      const current = await this.limiter.get(key);
      if (current && current.consumedPoints >= this.options.limit.points) throw current;
      return current;
    });
  }

  /** Counts `points` already spent (the bytes of an upload); never refuses. */
  async penalize(key: string, points: number): Promise<void> {
    await this.ask(() => this.limiter.penalty(key, points));
  }

  private async ask(call: () => Promise<unknown>): Promise<RateVerdict> {
    if (Date.now() < this.storeDownUntil) return { allowed: true };
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.storeBudgetMs);
    });
    try {
      const answer = await Promise.race([call(), budget]);
      if (answer !== 'timeout') return { allowed: true };
      this.storeFailed(new Error(`no answer within ${this.options.storeBudgetMs} ms`));
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        };
      this.storeFailed(error);
      return { allowed: true };
    } finally {
      clearTimeout(timer);
    }
  }

  private storeFailed(error: unknown): void {
    this.storeDownUntil = Date.now() + this.options.storeBackoffMs;
    this.options.log.warn(
      { err: error, limiter: this.options.name },
      'rate limit store unavailable: requests pass unlimited (fail open)',
    );
  }
}

/** The client-facing refusal: RATE_LIMITED with the seconds to wait, and HTTP 429. */
export function rateLimitedError(message: string, retryAfterSeconds: number) {
  return appError('RATE_LIMITED', `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}
