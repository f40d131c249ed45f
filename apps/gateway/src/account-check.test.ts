import { randomInt } from 'node:crypto';
import { cacheKeys, connectRedis, createLogger, RedisVersionStore } from '@reel/common';
import { runEnv } from '@reel/testkit';
import { type AskAccount, cachedAccountCheck, liveAccountKey } from './account-check';
import type { GatewayContext } from './context';
import { limits } from './limits';

const log = createLogger({ logLevel: 'silent' }, 'gateway');

/** The users table as the user subgraph answers it, counting the questions. */
function usersTable(ids: number[]) {
  const rows = new Set(ids);
  const table = {
    rows,
    asked: 0,
    ask: (async (context) => {
      table.asked += 1;
      return rows.has(context.viewer!.id);
    }) as AskAccount,
  };
  return table;
}

const contextOf = (id: number): GatewayContext => ({
  viewer: { id },
  authorization: 'Bearer x',
  requestId: 'req',
  log,
  clientIp: null,
});

describe('the live-account check, remembered in Redis for every gateway process', () => {
  const { namespace } = runEnv();
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
  afterAll(() => redis.quit());
  // ids of this test alone: version keys and marks are shared by every test of the run's namespace
  const freshId = () => randomInt(1_000_000_000, 2_000_000_000);

  it('asks once for all processes, then refuses in every process once the deletion bumps account:<id>', async () => {
    const id = freshId();
    const users = usersTable([id]);
    // two gateway processes (or workers): their own clients, the same Redis
    const other = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
    try {
      const first = cachedAccountCheck(redis, users.ask, log);
      const second = cachedAccountCheck(other, users.ask, log);
      const checks = async () => [await first(contextOf(id)), await second(contextOf(id))];
      expect(await checks()).toEqual([true, true]);
      expect(await checks()).toEqual([true, true]);
      expect(users.asked).toBe(1);

      // the operator's deletion: the row, then the version (README "Caches and consistency")
      users.rows.delete(id);
      await new RedisVersionStore(redis).bump([cacheKeys.account(id)]);
      expect(await checks()).toEqual([false, false]);
      // "no" is never remembered
      expect(users.asked).toBe(3);
    } finally {
      await other.quit();
    }
  });

  it('a deletion landing while the check asks leaves a mark that never matches', async () => {
    const id = freshId();
    const users = usersTable([id]);
    const versions = new RedisVersionStore(redis);
    const deletingWhileAsked: AskAccount = async (context) => {
      const answer = await users.ask(context); // read before the deletion: live
      users.rows.delete(id);
      await versions.bump([cacheKeys.account(id)]);
      return answer;
    };
    expect(await cachedAccountCheck(redis, deletingWhileAsked, log)(contextOf(id))).toBe(true);
    expect(await cachedAccountCheck(redis, users.ask, log)(contextOf(id))).toBe(false);
  });

  it('checks missing at once share one ask, but never one begun before a deletion was bumped', async () => {
    const id = freshId();
    const users = usersTable([id]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gatedAsk: AskAccount = async (context) => {
      const answer = await users.ask(context);
      await gate;
      return answer;
    };
    const check = cachedAccountCheck(redis, gatedAsk, log);
    const together = Array.from({ length: 5 }, () => check(contextOf(id)));
    // every check has read the version and found the ask in flight
    await new Promise((resolve) => setImmediate(resolve));
    while (users.asked === 0) await new Promise((resolve) => setImmediate(resolve));
    // the deletion lands while that ask waits (it read the row before); a check begun after
    // the bump reads the new version and asks on its own
    users.rows.delete(id);
    await new RedisVersionStore(redis).bump([cacheKeys.account(id)]);
    const after = check(contextOf(id));
    release();
    expect(await Promise.all(together)).toEqual([true, true, true, true, true]);
    expect(await after).toBe(false);
    expect(users.asked).toBe(2);
  });

  it('a mark lives limits.liveAccounts.markTtlSeconds at most: the bound on a deletion without its bump', async () => {
    const id = freshId();
    await cachedAccountCheck(redis, usersTable([id]).ask, log)(contextOf(id));
    const ttlMs = await redis.pttl(liveAccountKey(id));
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(limits.liveAccounts.markTtlSeconds * 1000);
  });

  it('an answer that could not be had (UNAVAILABLE) is not kept', async () => {
    const id = freshId();
    let fail = true;
    const ask: AskAccount = async () => {
      if (fail) throw new Error('user subgraph down');
      return true;
    };
    const check = cachedAccountCheck(redis, ask, log);
    await expect(check(contextOf(id))).rejects.toThrow('user subgraph down');
    fail = false;
    expect(await check(contextOf(id))).toBe(true);
  });

  it('asks every time while Redis is unreachable', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', namespace);
    dead.on('error', () => undefined);
    try {
      const id = freshId();
      const users = usersTable([id]);
      const check = cachedAccountCheck(dead, users.ask, log);
      expect(await check(contextOf(id))).toBe(true);
      expect(await check(contextOf(id))).toBe(true);
      expect(users.asked).toBe(2);
    } finally {
      dead.disconnect();
    }
  });
});
