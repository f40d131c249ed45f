import { randomInt } from 'node:crypto';
import { cacheKeys, connectRedis, createLogger, RedisVersionStore } from '@reel/common';
import { runEnv } from '@reel/testkit';
import { type AskAccount, cachedAccountCheck } from './account-check';
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

describe('the live-account check, cached per gateway process', () => {
  const { namespace } = runEnv();
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
  afterAll(() => redis.quit());
  afterEach(() => jest.restoreAllMocks());
  // ids of this test alone: version keys are shared by every test of the run's namespace
  const freshId = () => randomInt(1_000_000_000, 2_000_000_000);

  it('asks once per process, then refuses in every process once the deletion bumps account:<id>', async () => {
    const id = freshId();
    const users = usersTable([id]);
    // two gateway processes: each its own cache, the versions in the same Redis
    const first = cachedAccountCheck(new RedisVersionStore(redis), users.ask, log);
    const second = cachedAccountCheck(new RedisVersionStore(redis), users.ask, log);
    const checks = async () => [
      await first.exists(contextOf(id)),
      await second.exists(contextOf(id)),
    ];
    expect(await checks()).toEqual([true, true]);
    expect(await checks()).toEqual([true, true]);
    expect(users.asked).toBe(2);

    // the operator's deletion: the row, then the version (README "Caches and consistency")
    users.rows.delete(id);
    await new RedisVersionStore(redis).bump([cacheKeys.account(id)]);
    expect(await checks()).toEqual([false, false]);
    expect(users.asked).toBe(4);
  });

  it('a deletion without its bump is seen once the answer is maxAgeMs old, not before', async () => {
    const id = freshId();
    const users = usersTable([id]);
    const check = cachedAccountCheck(new RedisVersionStore(redis), users.ask, log);
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    expect(await check.exists(contextOf(id))).toBe(true);
    users.rows.delete(id);
    now.mockReturnValue(start + limits.liveAccounts.maxAgeMs);
    expect(await check.exists(contextOf(id))).toBe(true);
    now.mockReturnValue(start + limits.liveAccounts.maxAgeMs + 1);
    expect(await check.exists(contextOf(id))).toBe(false);
    expect(users.asked).toBe(2);
  });

  it('an answer that could not be had (UNAVAILABLE) is not kept', async () => {
    const id = freshId();
    let fail = true;
    const ask: AskAccount = async () => {
      if (fail) throw new Error('user subgraph down');
      return true;
    };
    const check = cachedAccountCheck(new RedisVersionStore(redis), ask, log);
    await expect(check.exists(contextOf(id))).rejects.toThrow('user subgraph down');
    fail = false;
    expect(await check.exists(contextOf(id))).toBe(true);
  });

  it('asks every time while Redis is unreachable (no version, no answer kept)', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', namespace);
    dead.on('error', () => undefined);
    try {
      const id = freshId();
      const users = usersTable([id]);
      const check = cachedAccountCheck(new RedisVersionStore(dead), users.ask, log);
      expect(await check.exists(contextOf(id))).toBe(true);
      expect(await check.exists(contextOf(id))).toBe(true);
      expect(users.asked).toBe(2);
    } finally {
      dead.disconnect();
    }
  });
});
