import { readFileSync } from 'node:fs';
import path from 'node:path';
import gql from 'graphql-tag';
import {
  type Config,
  connectMysql,
  connectRedis,
  createSubgraphApp,
  type Logger,
  pingMysql,
  pingRedis,
} from '@reel/common';
import { schema } from './db/schema';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { migrationsFolder } from './db/migrations-folder';

/** Builds the user subgraph without listening; `close` releases its connections. */
export async function createUserApp(config: Config, log: Logger) {
  const mysql = connectMysql(config.mysql.url, schema);
  const redis = connectRedis(config.redis.url, config.namespace);
  const subgraph = await createSubgraphApp({
    name: 'user',
    config,
    log,
    typeDefs,
    resolvers: createResolvers({
      db: mysql.db,
      redis,
      auth: config.auth,
      publicBaseUrl: config.media.publicBaseUrl,
    }),
    createLoaders: () => createLoaders(mysql.db),
    checks: { mysql: () => pingMysql(mysql.pool), redis: () => pingRedis(redis) },
  });
  const close = async () => {
    await subgraph.stop();
    await Promise.allSettled([mysql.close(), redis.quit()]);
  };
  return { ...subgraph, mysql, close };
}
