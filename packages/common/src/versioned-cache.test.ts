import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { runEnv } from '@reel/testkit';
import { createLogger } from './logger';
import { connectRedis } from './redis';
import { parseConfig } from './env';
import { cacheKeys, RedisVersionStore, VersionedCache, type VersionStore } from './versioned-cache';

const log = createLogger(parseConfig({ LOG_LEVEL: 'silent' }), 'versioned-cache-test');
const options = { maxEntries: 10, maxAgeMs: 60_000, log, name: 'test' };

/** Versions in memory, each a fresh number: what RedisVersionStore does, without the network. */
function memoryVersions(): VersionStore & { versions: Map<string, string> } {
  const versions = new Map<string, string>();
  let sequence = 0;
  const fresh = () => String((sequence += 1));
  return {
    versions,
    async current(keys) {
      return keys.map((key) => {
        if (!versions.has(key)) versions.set(key, fresh());
        return versions.get(key)!;
      });
    },
    async bump(keys) {
      for (const key of keys) versions.set(key, fresh());
    },
  };
}

describe('RELIABILITY row 25: cache race', () => {
  // Two items (a video's count, its author's) are one cached page. Writes commit to the
  // "database", then bump; reads go through the cache. Every step is a promise the scheduler
  // releases in any order, so read-miss, load, write+bump and the (possibly stale) set
  // interleave every way fast-check finds.
  it('no read that starts after a write has returned answers a value older than that write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom('read', 'write a', 'write b'), { minLength: 2, maxLength: 9 }),
        async (s, operations) => {
          const database = { a: 0, b: 0 };
          const returned = { a: 0, b: 0 }; // the newest write of each item that has returned
          const memory = memoryVersions();
          // each effect happens when the scheduler releases its step, not when it is asked for
          const step = <R>(label: string, effect: () => R | Promise<R>): Promise<R> =>
            s.schedule(Promise.resolve(label)).then(effect);
          const store: VersionStore = {
            current: (keys) => step('mget', () => memory.current(keys)),
            bump: (keys) => step('bump', () => memory.bump(keys)),
          };
          const cache = new VersionedCache<{ a: number; b: number }>(store, options);
          const readDatabase = () => step('select', () => ({ ...database }));
          const commit = (item: 'a' | 'b') => step('commit', () => (database[item] += 1));
          const load = async () => ({
            value: await readDatabase(),
            deps: [cacheKeys.video(1), cacheKeys.user(2)],
          });
          // a warm entry first, as under load; then everything at once
          await s.waitFor(cache.get('page', [cacheKeys.feed], load));
          const violations: string[] = [];
          const runs = operations.map(async (operation, i) => {
            await s.schedule(Promise.resolve(`start ${i}`));
            if (operation === 'read') {
              const floor = { ...returned };
              const page = await cache.get('page', [cacheKeys.feed], load);
              if (page.a < floor.a || page.b < floor.b)
                violations.push(
                  `read ${i} saw ${JSON.stringify(page)} after ${JSON.stringify(floor)}`,
                );
              return;
            }
            const item = operation === 'write a' ? 'a' : 'b';
            const value = await commit(item);
            await store.bump([item === 'a' ? cacheKeys.video(1) : cacheKeys.user(2)]);
            returned[item] = Math.max(returned[item], value);
          });
          await s.waitFor(Promise.all(runs));
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('VersionedCache on Redis', () => {
  const { namespace } = runEnv();
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
  afterAll(() => redis.quit());
  // each test its own keys: nothing is shared with another test or run
  const fresh = () => randomBytes(4).toString('hex');

  it('serves a hit until a bump of one of its versions, from any process (a second store)', async () => {
    const id = fresh();
    const cache = new VersionedCache<string>(new RedisVersionStore(redis), options);
    const elsewhere = new RedisVersionStore(redis);
    let source = 'v1';
    const load = async () => ({ value: source, deps: [cacheKeys.video(id)] });
    // a cold key: the first load learns its keys, the second reads their versions first and
    // builds the entry
    expect(await cache.get(id, [cacheKeys.feed + id], load)).toBe('v1');
    expect(await cache.get(id, [cacheKeys.feed + id], load)).toBe('v1');
    source = 'v2';
    expect(await cache.get(id, [cacheKeys.feed + id], load)).toBe('v1'); // cached: no bump yet
    await elsewhere.bump([cacheKeys.video(id)]);
    expect(await cache.get(id, [cacheKeys.feed + id], load)).toBe('v2');
    expect({ loads: cache.loads, hits: cache.hits }).toEqual({ loads: 3, hits: 1 });
  });

  it('single flight: 20 concurrent misses of one key cost one load', async () => {
    const id = fresh();
    const store = new RedisVersionStore(redis);
    const cache = new VersionedCache<number>(store, options);
    const load = async () => ({ value: 7, deps: [cacheKeys.video(id)] });
    await cache.get(id, [], load); // its dependencies are known from here on
    await store.bump([cacheKeys.video(id)]);
    const loadsBefore = cache.loads;
    let resolveLoad: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (resolveLoad = resolve));
    const slowLoad = async () => {
      await gate;
      return load();
    };
    const reads = Array.from({ length: 20 }, () => cache.get(id, [], slowLoad));
    // every read has checked the versions and found the flight before the load may finish
    await new Promise((resolve) => setTimeout(resolve, 200));
    resolveLoad();
    expect(await Promise.all(reads)).toEqual(Array(20).fill(7));
    expect(cache.loads - loadsBefore).toBe(1);
  });

  it('fails open: with Redis unreachable every read loads, and nothing is cached', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', namespace);
    dead.on('error', () => undefined);
    try {
      const cache = new VersionedCache<number>(new RedisVersionStore(dead), options);
      let calls = 0;
      const load = async () => ({ value: (calls += 1), deps: [cacheKeys.video(1)] });
      expect(await cache.get('k', [cacheKeys.feed], load)).toBe(1);
      expect(await cache.get('k', [cacheKeys.feed], load)).toBe(2);
    } finally {
      dead.disconnect();
    }
  });
});
