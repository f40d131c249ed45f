import { randomBytes } from 'node:crypto';
import { runEnv } from '@reel/testkit';
import { parseConfig } from './env';
import { createLogger } from './logger';
import { connectRedis } from './redis';
import { VersionedBatchCache } from './versioned-batch-cache';
import { RedisVersionStore, type VersionStore } from './versioned-cache';

const log = createLogger(parseConfig({ LOG_LEVEL: 'silent' }), 'versioned-batch-cache-test');

describe('VersionedBatchCache on Redis', () => {
  const { namespace } = runEnv();
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
  afterAll(() => redis.quit());
  // each test its own version keys: nothing is shared with another test or run
  const options = () => {
    const run = randomBytes(4).toString('hex');
    return {
      maxEntries: 100,
      maxAgeMs: 60_000,
      versionKey: (id: number) => `test-${run}:${id}`,
      log,
      name: 'test',
    };
  };

  /** A "table" of counts by id, and a batch load that records which ids each call asked for. */
  function source() {
    const rows = new Map<number, number>([
      [1, 10],
      [2, 20],
    ]);
    const calls: number[][] = [];
    const load = async (ids: readonly number[]) => {
      calls.push([...ids]);
      return ids.map((id) => rows.get(id) ?? null);
    };
    return { rows, calls, load };
  }

  it('serves hits from memory, loads only the misses in one call, and a bump from another process invalidates its id', async () => {
    const opts = options();
    const cache = new VersionedBatchCache<number>(new RedisVersionStore(redis), opts);
    const elsewhere = new RedisVersionStore(redis);
    const { rows, calls, load } = source();
    expect(await cache.getMany([1, 2, 3], load)).toEqual([10, 20, null]);
    rows.set(1, 11);
    rows.set(3, 30);
    // no bump yet: all three (the missing row too) from memory
    expect(await cache.getMany([3, 1, 2], load)).toEqual([null, 10, 20]);
    await elsewhere.bump([opts.versionKey(1), opts.versionKey(3)]);
    expect(await cache.getMany([1, 2, 3], load)).toEqual([11, 20, 30]);
    expect(calls).toEqual([
      [1, 2, 3],
      [1, 3],
    ]);
    expect({ hits: cache.hits, loads: cache.loads }).toEqual({ hits: 4, loads: 5 });
  });

  it('stale-set race: a write committed and bumped during a load is seen by the next read', async () => {
    const opts = options();
    const store = new RedisVersionStore(redis);
    const cache = new VersionedBatchCache<number>(store, opts);
    const { rows, load } = source();
    // the load reads the old row, then the write commits and bumps, then the (stale) row lands
    const racing = async (ids: readonly number[]) => {
      const answer = await load(ids);
      rows.set(1, 11);
      await store.bump([opts.versionKey(1)]);
      return answer;
    };
    expect(await cache.getMany([1], racing)).toEqual([10]);
    expect(await cache.getMany([1], load)).toEqual([11]);
    expect(await cache.getMany([1], load)).toEqual([11]);
    expect(cache.hits).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently stored', async () => {
    const opts = { ...options(), maxEntries: 2 };
    const cache = new VersionedBatchCache<number>(new RedisVersionStore(redis), opts);
    const { calls, load } = source();
    await cache.getMany([1, 2, 3], load);
    await cache.getMany([2, 3], load);
    expect(cache.hits).toBe(2);
    await cache.getMany([1], load);
    expect(calls.at(-1)).toEqual([1]);
  });

  it('fails open: with Redis unreachable every batch loads whole, and nothing is cached', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', namespace);
    dead.on('error', () => undefined);
    try {
      const cache = new VersionedBatchCache<number>(new RedisVersionStore(dead), options());
      const { rows, calls, load } = source();
      expect(await cache.getMany([1, 2], load)).toEqual([10, 20]);
      rows.set(1, 11);
      expect(await cache.getMany([1, 2], load)).toEqual([11, 20]);
      expect(calls).toEqual([
        [1, 2],
        [1, 2],
      ]);
      expect(cache.hits).toBe(0);
    } finally {
      dead.disconnect();
    }
  });

  it('fails open when the store is slow past its budget (a store that throws), serving nothing stored', async () => {
    const good = new RedisVersionStore(redis);
    let failing = false;
    const store: VersionStore = {
      current: (keys) =>
        failing ? Promise.reject(new Error('Command timed out')) : good.current(keys),
      bump: (keys) => good.bump(keys),
    };
    const cache = new VersionedBatchCache<number>(store, options());
    const { rows, load } = source();
    expect(await cache.getMany([1], load)).toEqual([10]);
    rows.set(1, 11);
    failing = true;
    // an entry is there, but an unchecked entry is never an answer
    expect(await cache.getMany([1], load)).toEqual([11]);
  });
});
