import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * The version keys of the cached read models (README "Caches and consistency"). A write bumps,
 * after its commit and before it answers, the keys of everything it changed; a cached value
 * records the versions it was built from and is served only while they are all still current.
 */
export const cacheKeys = {
  /** Which videos the feed holds, in which order: publish (and a deletion, should one exist). */
  feed: 'feed',
  /** A video's own fields and counts: likes, unlikes, comments. */
  video: (videoId: number | string) => `video:${videoId}`,
  /** A user's profile and counts: follows, likes given and received, publishing. */
  user: (userId: number | string) => `user:${userId}`,
  /**
   * That an account exists (the gateway's live-account check, apps/gateway/src/account-check.ts):
   * bumped when its users row is deleted. No API deletes one; whoever deletes the row bumps it,
   * and `user` of the same id (the user subgraph's cached row).
   */
  account: (userId: number | string) => `account:${userId}`,
} as const;

/** Where the versions live: Redis, shared by every process of one namespace. */
export interface VersionStore {
  /**
   * The current version of each key, in order. A key without one gets a fresh version first:
   * "absent" is never a version, so a lost or expired key can only fail a check, never pass one.
   */
  current(keys: readonly string[]): Promise<string[]>;
  /** Gives every key a version never used before. */
  bump(keys: readonly string[]): Promise<void>;
}

export const versionLimits = {
  // a version outlives every entry that recorded it many times over (entries: maxAgeMs)
  keyTtlSeconds: 24 * 60 * 60, // 1 day
};

const VERSION_PREFIX = 'cache:v:';

/** The Redis key (under the namespace prefix) holding the version of `key`. */
export const versionKeyOf = (key: string): string => VERSION_PREFIX + key;

/**
 * Versions in Redis (keys `<namespace>:cache:v:<key>`). A version is a token unique across
 * processes and restarts (a random process tag and a counter), never an INCR count: a counter
 * could come back to an old value after Redis loses its data, and an old entry would pass.
 */
export class RedisVersionStore implements VersionStore {
  private readonly tag = randomBytes(6).toString('base64url');
  private sequence = 0;

  constructor(private readonly redis: Redis) {}

  async current(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const names = keys.map((key) => VERSION_PREFIX + key);
    const values = await this.redis.mget(names);
    const missing = names.filter((_, i) => values[i] === null);
    if (missing.length === 0) return values as string[];
    const pipeline = this.redis.pipeline();
    for (const name of missing)
      pipeline.set(name, this.nextVersion(), 'EX', versionLimits.keyTtlSeconds, 'NX');
    // in the same round trip: another process may have set it meanwhile, and what is there
    // after the SET NX is the version
    pipeline.mget(names);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    const again = results?.at(-1)?.[1] as (string | null)[] | undefined;
    if (!again || again.some((value) => value === null))
      throw new Error('a cache version vanished');
    return again as string[];
  }

  async bump(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of new Set(keys))
      pipeline.set(VERSION_PREFIX + key, this.nextVersion(), 'EX', versionLimits.keyTtlSeconds);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  private nextVersion(): string {
    this.sequence += 1;
    return `${this.tag}.${this.sequence}`;
  }
}

/**
 * What a write calls after its commit and before it answers. A bump that fails (Redis down or
 * too slow) is logged, not thrown: the write is committed and must say so. Entries that missed
 * it stay stale for at most their maxAgeMs, and while Redis is down no entry is served at all.
 */
export function cacheBumper(store: VersionStore, log: Logger) {
  return async (keys: readonly string[]): Promise<void> => {
    try {
      await store.bump(keys);
    } catch (error) {
      log.error({ err: error, keys }, 'cache version bump failed: cached reads may lag');
    }
  };
}

export type CacheBump = ReturnType<typeof cacheBumper>;

/** A value and the version keys it was built from (besides the key's base keys). */
export interface Built<T> {
  value: T;
  deps: readonly string[];
}

export interface VersionedCacheOptions {
  /** Entries kept in this process; the least recently stored goes first. */
  maxEntries: number;
  /** An entry is rebuilt at this age even when its versions still match (a lost bump's bound). */
  maxAgeMs: number;
  log: Logger;
  name: string;
}

/** A value and the versions it was built from; or, `value` absent, only which keys it needs. */
interface Entry<T> {
  value?: { current: T };
  deps: readonly string[];
  versions: readonly string[];
  builtAtMs: number;
}

// a miss waits for another read's load of the key this many times before loading itself: a cold
// key takes two (the first learns its dependencies, the second builds the entry)
const FLIGHTS_WAITED = 2;

/**
 * An in-process cache whose entries are valid only while the versions they were built from are
 * current in the VersionStore: every read checks them with one round trip (MGET), so a write
 * whose bump has returned is seen by the next read in any process. The versions an entry records
 * are read BEFORE its value is loaded, so a write that lands during the load makes the entry
 * fail its next check instead of hiding. Concurrent misses of one key share one load (single
 * flight). When the store fails, reads go straight to `load` and nothing is cached.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly flights = new Map<string, Promise<unknown>>();
  /** Loads run (misses that reached the source), for tests and the bench. */
  loads = 0;
  hits = 0;

  constructor(
    private readonly store: VersionStore,
    private readonly options: VersionedCacheOptions,
  ) {}

  /**
   * The value of `key`: a cached one whose versions are all current, or a fresh `load`.
   * `baseDeps` are version keys known before loading (the feed's membership); `load` names the
   * rest from what it read (the videos and users on the page).
   */
  async get(key: string, baseDeps: readonly string[], load: () => Promise<Built<T>>): Promise<T> {
    for (let waited = 0; ; waited += 1) {
      const entry = this.entries.get(key);
      const keys = entry?.deps ?? baseDeps;
      let versions: string[];
      try {
        versions = await this.store.current(keys);
      } catch (error) {
        this.options.log.warn({ err: error, cache: this.options.name }, 'cache bypassed');
        this.loads += 1;
        return (await load()).value;
      }
      if (entry?.value && this.isCurrent(entry, versions)) {
        this.hits += 1;
        return entry.value.current;
      }
      // Another read is loading this key: its entry is checked against versions read after it
      // lands, which is as good as our own load (see README); then we load ourselves.
      const flight = this.flights.get(key);
      if (flight && waited < FLIGHTS_WAITED) {
        await flight.catch(() => undefined);
        continue;
      }
      const rebuild = this.rebuild(key, baseDeps, keys, versions, load);
      if (!flight) {
        this.flights.set(key, rebuild);
        void rebuild
          .catch(() => undefined)
          .finally(() => {
            if (this.flights.get(key) === rebuild) this.flights.delete(key);
          });
      }
      return rebuild;
    }
  }

  /** The entry of `key` in this process, unchecked: a hint, never an answer. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value?.current;
  }

  /** Forgets every entry of this process (tests; a Redis outage needs nothing: reads bypass). */
  clear(): void {
    this.entries.clear();
  }

  private isCurrent(entry: Entry<T>, versions: readonly string[]): boolean {
    if (Date.now() - entry.builtAtMs > this.options.maxAgeMs) return false;
    return entry.versions.every((version, i) => versions[i] === version);
  }

  /**
   * One load. Its entry records the versions read before it (`knownVersions`) when those cover
   * every key it depends on; otherwise (a cold key, a page whose videos changed) only its keys
   * are remembered, so the next miss reads their versions first and builds the entry.
   */
  private async rebuild(
    key: string,
    baseDeps: readonly string[],
    knownKeys: readonly string[],
    knownVersions: readonly string[],
    load: () => Promise<Built<T>>,
  ): Promise<T> {
    const builtAtMs = Date.now();
    this.loads += 1;
    const built = await load();
    const deps = [...new Set([...baseDeps, ...built.deps])];
    const index = new Map(knownKeys.map((k, i) => [k, i]));
    if (deps.every((dep) => index.has(dep))) {
      const versions = deps.map((dep) => knownVersions[index.get(dep)!]!);
      this.remember(key, { value: { current: built.value }, deps, versions, builtAtMs });
    } else {
      this.remember(key, { deps, versions: [], builtAtMs });
    }
    return built.value;
  }

  private remember(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
