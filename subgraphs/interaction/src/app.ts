import { defineSubgraph } from '@reel/common';
import { schema } from './db/schema';
import { startOutboxRelay } from './events';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

/**
 * The interaction subgraph: likes and comments on videos, and the counts they move. Which videos
 * exist, and who made each, it learns from its own projection (video_authors), never from the
 * video subgraph's tables.
 */
export const subgraph = defineSubgraph({
  name: 'interaction',
  // NATS is not a readiness dependency: comments go on through an outage via the outbox
  env: ['nats'],
  tables: schema,
  async setup({ config, log, mysql }) {
    const relay = startOutboxRelay({
      db: mysql.db,
      natsUrl: config.nats.url,
      namespace: config.namespace,
      log,
    });
    return {
      resolvers: createResolvers({
        db: mysql.db,
        log,
        namespace: config.namespace,
        onEventWritten: relay.nudge,
      }),
      createLoaders: (viewer) => createLoaders(mysql.db, viewer),
      close: () => relay.stop(),
    };
  },
});
