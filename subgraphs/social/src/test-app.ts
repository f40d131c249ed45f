import { count } from 'drizzle-orm';
import { counterPairs } from '@reel/testkit/interleave';
import { runAs } from '@reel/testkit/run-as';
import { connectRedis, createLogger, parseConfig, RedisVersionStore } from '@reel/common';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { subgraph } from './app';
import { insertKnownUser } from './db/queries';
import { follows, followCounters } from './db/schema';

/**
 * The social subgraph alone, on a database of its own, for tests that speak to it directly (as
 * the gateway would) with any viewer id. Users are only ids here: `user()` stands in for the
 * gateway confirming one exists. `gatewayUrl` is where it asks about any other id (by default a
 * port nobody listens on, so asking answers UNAVAILABLE).
 */
export async function startSocial(suffix: string, options: { gatewayUrl?: string } = {}) {
  const database = await isolatedDatabase(suffix);
  const config = parseConfig({
    MYSQL_URL: database.url,
    REEL_NAMESPACE: `${runEnv().namespace}_${suffix}`.slice(0, 32),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // port 9 (discard): never a Reel gateway
    GATEWAY_URL: options.gatewayUrl ?? 'http://127.0.0.1:9',
  });
  const app = await subgraph.create(config, createLogger(config, 'social'));
  const { db } = app.mysql;
  const redis = connectRedis(config.redis.url, config.namespace);
  const versions = new RedisVersionStore(redis);
  let nextId = 1;

  return {
    app,
    db,
    config,
    /** A fresh id nobody has confirmed: social must ask the gateway about it. */
    stranger: () => nextId++,
    /** A fresh id of a user the gateway confirmed, as after a first follow or message to them. */
    async user(): Promise<number> {
      const id = nextId++;
      await insertKnownUser(db, id);
      return id;
    },
    /** Runs an operation as `viewerId` (null: anonymous) through the subgraph's own pipeline. */
    run: runAs(app),
    /** Invalidates the cached rows of these version keys (`cacheKeys`), in every process. */
    bumpCacheVersions: (keys: readonly string[]) => versions.bump(keys),
    /**
     * Every counter beside COUNT(*) of the follows it counts, for each user that has either:
     * `[counter, rows]` pairs keyed by what they count.
     */
    async countersAndRows(): Promise<Map<string, [number, number]>> {
      const { pairs, counter, rows } = counterPairs();
      for (const row of await db.select().from(followCounters)) {
        counter(`user ${row.userId} follow_count`, row.followCount);
        counter(`user ${row.userId} follower_count`, row.followerCount);
      }
      const following = db
        .select({ id: follows.followerId, n: count() })
        .from(follows)
        .groupBy(follows.followerId);
      for (const row of await following) rows(`user ${row.id} follow_count`, row.n);
      const followers = db
        .select({ id: follows.followeeId, n: count() })
        .from(follows)
        .groupBy(follows.followeeId);
      for (const row of await followers) rows(`user ${row.id} follower_count`, row.n);
      return pairs;
    },
    async close() {
      await app.close();
      await redis.quit().catch(() => undefined);
      await database.drop();
    },
  };
}

export type SocialUnderTest = Awaited<ReturnType<typeof startSocial>>;

/** Counters that differ from COUNT(*) of their rows, as "what: counter c, rows r"; [] when none. */
export async function counterMismatches(subject: SocialUnderTest): Promise<string[]> {
  return [...(await subject.countersAndRows())]
    .filter(([, [counter, rows]]) => counter !== rows)
    .map(([what, [counter, rows]]) => `${what}: counter ${counter}, rows ${rows}`);
}
