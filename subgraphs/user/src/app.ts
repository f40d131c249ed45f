import { connectRedis, defineSubgraph, pingRedis } from '@reel/common';
import { schema } from './db/schema';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/** The user subgraph: accounts, login and the User entity's own fields. */
export const subgraph = defineSubgraph({
  name: 'user',
  env: ['redis', 'public'],
  tables: schema,
  async setup({ config, mysql }) {
    const redis = connectRedis(config.redis.url, config.namespace);
    return {
      resolvers: createResolvers({
        db: mysql.db,
        redis,
        auth: config.auth,
        publicBaseUrl: config.public.baseUrl,
      }),
      createLoaders: () => createLoaders(mysql.db),
      checks: { redis: () => pingRedis(redis) },
      close: async () => void (await redis.quit().catch(() => undefined)),
    };
  },
});
