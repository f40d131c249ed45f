import {
  cacheBumper,
  cacheKeys,
  connectRedis,
  defineSubgraph,
  pingRedis,
  RedisVersionStore,
  VersionedBatchCache,
} from '@reel/common';
import { schema, type UserProfileRow } from './db/schema';
import { limits } from './limits';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/** The user subgraph: accounts, login and the User entity's own fields. */
export const subgraph = defineSubgraph({
  name: 'user',
  env: ['redis', 'public'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const redis = connectRedis(config.redis.url, config.namespace);
    const versions = new RedisVersionStore(redis);
    // users rows (no password hash) on user:<id>: registration bumps it (domain/accounts.ts), as
    // must whoever deletes a row; no API edits a profile
    const users = new VersionedBatchCache<UserProfileRow>(versions, {
      ...limits.usersCache,
      versionKey: cacheKeys.user,
      log,
      name: 'users',
    });
    return {
      resolvers: createResolvers({
        db: mysql.db,
        redis,
        auth: config.auth,
        bumpCache: cacheBumper(versions, log),
        publicBaseUrl: config.public.baseUrl,
      }),
      createLoaders: () => createLoaders(mysql.db, users),
      checks: { redis: () => pingRedis(redis) },
      close: async () => void (await redis.quit().catch(() => undefined)),
    };
  },
});
