import { defineSubgraph } from '@reel/common';
import { loadWordFilter } from '@reel/moderation';
import { schema } from './db/schema';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/**
 * The interaction subgraph: likes, comments and danmaku on videos, and the counts they move.
 * Which videos exist, and who made each, it learns from its own projection (video_authors), never
 * from the video subgraph's tables. Every text written here goes through the word filter.
 */
export const subgraph = defineSubgraph({
  name: 'interaction',
  env: ['moderation'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const words = loadWordFilter(config.moderation);
    return {
      resolvers: createResolvers({ db: mysql.db, log, words, namespace: config.namespace }),
      createLoaders: (viewer) => createLoaders(mysql.db, viewer),
    };
  },
});
