import {
  cacheBumper,
  cacheKeys,
  connectRedis,
  defineSubgraph,
  RedisVersionStore,
  VersionedBatchCache,
} from '@reel/common';
import { loadWordFilter } from '@reel/moderation';
import { type FollowCountersRow, schema } from './db/schema';
import { startOutboxRelay } from './events';
import { KnownUserIds } from './domain/users';
import { limits } from './limits';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/**
 * The social subgraph: follows with their counts, friends (mutual follows), and direct messages
 * with their `chat.<a>.<b>` events, their text through the word filter. Whether a user exists it
 * asks the supergraph (the gateway), never the user subgraph's tables.
 */
export const subgraph = defineSubgraph({
  name: 'social',
  // neither NATS nor the gateway is a readiness dependency: messages go on through a NATS outage
  // via the outbox, and the gateway's readiness waits for this subgraph's, never the reverse
  env: ['moderation', 'nats', 'gateway', 'redis'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const words = loadWordFilter(config.moderation);
    const relay = startOutboxRelay({
      db: mysql.background,
      natsUrl: config.nats.url,
      namespace: config.namespace,
      log,
    });
    // not a readiness dependency: a failed cache bump is logged, and reads bypass the caches
    const redis = connectRedis(config.redis.url, config.namespace);
    const versions = new RedisVersionStore(redis);
    // viewer-independent rows only, on the version keys follow/unfollow bump (domain/follows.ts)
    const caches = {
      followCounters: new VersionedBatchCache<FollowCountersRow>(versions, {
        ...limits.countersCache,
        versionKey: cacheKeys.user,
        log,
        name: 'follow-counters',
      }),
    };
    return {
      resolvers: createResolvers({
        db: mysql.db,
        log,
        bumpCache: cacheBumper(versions, log),
        words,
        gatewayUrl: config.gateway.url,
        knownUserIds: new KnownUserIds(limits.knownUserIds),
        namespace: config.namespace,
        onEventWritten: relay.nudge,
      }),
      createLoaders: (viewer) => createLoaders(mysql.db, viewer, caches),
      close: async () => {
        await relay.stop();
        await redis.quit().catch(() => undefined);
      },
    };
  },
});
