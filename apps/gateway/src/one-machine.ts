/**
 * The one-machine topology, what `npm start` runs: a primary that applies every subgraph's
 * migrations once, then forks REEL_WORKERS workers (one per core by default), each running every
 * subgraph, the gateway and compat-rest in one process (one-process.ts) on the shared
 * GATEWAY_PORT and REST_PORT. Background work runs in every worker, each item safe so: outbox
 * relays publish with Nats-Msg-Id, so racing relays' re-sends are dropped by JetStream's duplicate
 * window and by the realtime fan-out's recent ids; the durable `video.created` consumer shares
 * its pulls and records each event once in the same transaction as its effect; the upload
 * staging sweep removes only directories whose owning process is dead; the realtime edge's NATS
 * subscriptions are each worker's own, for its own sockets.
 */
// first: the libraries read NODE_ENV as they load
import { configuredEnv } from './production-libraries';
import cluster from 'node:cluster';
import { loadConfig } from '@reel/common/env';
import { createLogger } from '@reel/common/logger';
import { subgraphManifest, subgraphPaths } from '@reel/common/manifest';
import { runWorkerPool } from './worker-pool';

const config = loadConfig(undefined, configuredEnv);

/** The primary loads no GraphQL: it migrates, forks and watches. */
async function primary(): Promise<void> {
  const log = createLogger(config, 'workers');
  const { migrateSubgraph } = await import('@reel/common/mysql');
  // once, here: workers migrating at once would race for the same DDL
  for (const { name } of subgraphManifest)
    await migrateSubgraph(config.mysql.url, name, subgraphPaths(name).migrationsFolder);
  log.info({ workers: config.topology.workers }, 'migrated; forking workers');
  runWorkerPool({ count: config.topology.workers, log });
}

async function worker(): Promise<void> {
  const logFor = (service: string) =>
    createLogger(config, service).child({ worker: cluster.worker?.id });
  const gatewayLog = logFor('gateway');
  // the primary passes the terminal's Ctrl-C on as SIGTERM; a worker acts on that alone
  process.on('SIGINT', () => undefined);
  let stopRequested = false;
  const running: { stop?: () => Promise<void> } = {};
  const shutdown = (close: () => Promise<void>) =>
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        gatewayLog.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  // SIGTERM may come twice, from the primary and to the whole process group (npm start stops a
  // group): the second changes nothing; the primary's second signal is a SIGKILL
  process.on('SIGTERM', () => {
    if (stopRequested) return;
    stopRequested = true;
    gatewayLog.info('worker shutting down');
    if (running.stop) void shutdown(running.stop);
  });

  const { listen } = await import('@reel/common/service');
  const { createOneProcessApps } = await import('./one-process');
  const apps = await createOneProcessApps(config, logFor, { migrate: false });
  const servers = [
    await listen(apps.gateway.app, {
      name: 'gateway',
      port: config.gateway.port,
      host: config.host,
      log: gatewayLog,
      attach: apps.gateway.attach,
    }),
    await listen(apps.rest.app, {
      name: 'compat-rest',
      port: config.rest.port,
      host: config.host,
      log: logFor('compat-rest'),
    }),
  ];
  running.stop = async () => {
    // both doors drain first: compat-rest's requests in flight still need the gateway
    await Promise.all(servers.map((server) => server.close()));
    await apps.close();
  };
  if (stopRequested) void shutdown(running.stop);
}

(cluster.isPrimary ? primary() : worker()).catch((error: unknown) => {
  console.error(`${cluster.isPrimary ? 'primary' : 'worker'} failed to start:`, error);
  process.exit(1);
});
