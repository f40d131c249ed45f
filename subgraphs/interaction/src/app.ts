import { defineSubgraph } from '@reel/common';
import { schema } from './db/schema';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/**
 * The interaction subgraph: likes and comments on videos, and the counts they move. Which videos
 * exist, and who made each, it learns from its own projection (video_authors), never from the
 * video subgraph's tables.
 */
export const subgraph = defineSubgraph({
  name: 'interaction',
  env: [],
  tables: schema,
  async setup({ log, mysql }) {
    return {
      resolvers: createResolvers({ db: mysql.db, log }),
      createLoaders: (viewer) => createLoaders(mysql.db, viewer),
    };
  },
});
