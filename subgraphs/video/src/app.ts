import { readFileSync } from 'node:fs';
import path from 'node:path';
import gql from 'graphql-tag';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import {
  type Config,
  connectMysql,
  createSubgraphApp,
  LocalMediaStore,
  type Logger,
  pingMysql,
} from '@reel/common';
import { schema } from './db/schema';
import { sweepStaleScratch } from './domain/media';
import { startOutboxRelay } from './events';
import { limits } from './limits';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';

export { migrationsFolder } from './db/migrations-folder';
export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

/** Builds the video subgraph without listening; `close` stops the relay and releases connections. */
export async function createVideoApp(config: Config, log: Logger) {
  const mysql = connectMysql(config.mysql.url, schema);
  const store = new LocalMediaStore(config.media.dir, config.media.publicBaseUrl);
  const workDir = path.join(config.media.dir, '.staging');
  const swept = await sweepStaleScratch(workDir, limits.staleScratchMs);
  if (swept.length > 0) log.warn({ swept }, 'removed scratch left by an earlier crash');
  const relay = startOutboxRelay({
    db: mysql.db,
    natsUrl: config.nats.url,
    namespace: config.namespace,
    log,
  });
  const subgraph = await createSubgraphApp({
    name: 'video',
    config,
    log,
    typeDefs,
    resolvers: createResolvers({
      db: mysql.db,
      store,
      workDir,
      maxUploadBytes: config.media.maxUploadBytes,
      namespace: config.namespace,
      onEventWritten: relay.nudge,
    }),
    createLoaders: () => createLoaders(mysql.db),
    // NATS is not a readiness dependency: publishing goes on through an outage via the outbox
    checks: { mysql: () => pingMysql(mysql.pool) },
    // the gateway streams uploads here as GraphQL multipart requests; one byte of slack lets
    // stageUpload see an oversized file and answer PAYLOAD_TOO_LARGE itself
    beforeGraphql: [
      graphqlUploadExpress({
        maxFileSize: config.media.maxUploadBytes + 1,
        maxFiles: config.media.maxUploadFiles,
      }),
    ],
  });
  const close = async () => {
    await subgraph.stop();
    await relay.stop();
    await mysql.close();
  };
  return { ...subgraph, mysql, store, relay, close };
}
