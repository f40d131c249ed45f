import path from 'node:path';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import {
  cacheBumper,
  connectRedis,
  defineSubgraph,
  RedisVersionStore,
  LocalMediaStore,
} from '@reel/common';
import { schema } from './db/schema';
import { openStagingArea } from './domain/staging';
import { boundMediaTools } from './domain/media-tool';
import { startOutboxRelay } from './events';
import { limits } from './limits';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/** The video subgraph: publishing with the media pipeline, the feed, and `video.created` events. */
export const subgraph = defineSubgraph({
  name: 'video',
  // NATS is not a readiness dependency: publishing goes on through an outage via the outbox
  env: ['nats', 'public', 'media', 'redis'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const store = new LocalMediaStore(config.media.dir, config.public.baseUrl);
    await boundMediaTools();
    const staging = await openStagingArea(
      path.join(config.media.dir, '.staging'),
      limits.staleScratchMs,
    );
    if (staging.swept.length > 0)
      log.warn({ swept: staging.swept }, 'removed upload scratch no live process owns');
    const relay = startOutboxRelay({
      db: mysql.background,
      natsUrl: config.nats.url,
      namespace: config.namespace,
      log,
    });
    // not a readiness dependency: a failed cache bump is logged, and reads bypass the caches
    const redis = connectRedis(config.redis.url, config.namespace);
    return {
      resolvers: createResolvers({
        db: mysql.db,
        log,
        bumpCache: cacheBumper(new RedisVersionStore(redis), log),
        store,
        workDir: staging.dir,
        maxUploadBytes: config.media.maxUploadBytes,
        namespace: config.namespace,
        onEventWritten: relay.nudge,
      }),
      createLoaders: () => createLoaders(mysql.db),
      // the gateway streams uploads here as GraphQL multipart requests; one byte of slack lets
      // stageUpload see an oversized file and answer PAYLOAD_TOO_LARGE itself
      beforeGraphql: [
        graphqlUploadExpress({
          maxFileSize: config.media.maxUploadBytes + 1,
          maxFiles: config.media.maxUploadFiles,
        }),
      ],
      close: async () => {
        await relay.stop();
        await staging.release();
        await redis.quit().catch(() => undefined);
      },
    };
  },
});
