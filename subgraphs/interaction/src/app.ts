import {
  cacheBumper,
  cacheKeys,
  connectRedis,
  defineSubgraph,
  RedisVersionStore,
  VersionedBatchCache,
} from '@reel/common';
import { loadWordFilter } from '@reel/moderation';
import { schema, type UserCountersRow, type VideoCountersRow } from './db/schema';
import { consumeVideoCreated, startOutboxRelay } from './events';
import { FinalVideoRows } from './domain/video-authors';
import { limits } from './limits';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import { videoLookup } from './video-lookup';

/**
 * The interaction subgraph: likes, comments and danmaku on videos, and the counts they move.
 * Which videos exist, who made each and how long it is, it learns from its own projection
 * (video_authors), never from the video subgraph's tables: the projection is fed by the durable
 * `video.created` stream (events.ts), and a write on a video it has not seen yet reads through to
 * the supergraph via the gateway and records the answer (domain/video-authors.ts). Every text
 * written here goes through the word filter.
 */
export const subgraph = defineSubgraph({
  name: 'interaction',
  // NATS is not a readiness dependency: without it the projection waits and writes read through;
  // neither is the gateway, which itself waits for this subgraph to be ready
  env: ['moderation', 'nats', 'gateway', 'redis'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const words = loadWordFilter(config.moderation);
    const videoCreated = consumeVideoCreated({
      natsUrl: config.nats.url,
      namespace: config.namespace,
      db: mysql.background,
      log,
    });
    const relay = startOutboxRelay({
      db: mysql.background,
      natsUrl: config.nats.url,
      namespace: config.namespace,
      log,
    });
    // not a readiness dependency: a failed cache bump is logged, and reads bypass the caches
    const redis = connectRedis(config.redis.url, config.namespace);
    const versions = new RedisVersionStore(redis);
    // viewer-independent rows only, on the version keys the writes in domain/ bump
    const caches = {
      videoCounters: new VersionedBatchCache<VideoCountersRow>(versions, {
        ...limits.countersCache,
        versionKey: cacheKeys.video,
        log,
        name: 'video-counters',
      }),
      userCounters: new VersionedBatchCache<UserCountersRow>(versions, {
        ...limits.countersCache,
        versionKey: cacheKeys.user,
        log,
        name: 'user-counters',
      }),
    };
    return {
      resolvers: createResolvers({
        db: mysql.db,
        log,
        bumpCache: cacheBumper(versions, log),
        words,
        namespace: config.namespace,
        onEventWritten: relay.nudge,
        lookUpVideo: videoLookup(config.gateway.url, log),
        finalVideoRows: new FinalVideoRows(limits.finalVideoRows),
      }),
      createLoaders: (viewer) => createLoaders(mysql.db, viewer, caches),
      close: async () => {
        await videoCreated.stop();
        await relay.stop();
        await redis.quit().catch(() => undefined);
      },
    };
  },
});
