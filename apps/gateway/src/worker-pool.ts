import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@reel/common';

/**
 * A worker that exits on its own is forked again after 1 s, then 2, 4 and 8 s; the fifth exit
 * within a minute means workers cannot run here (a port taken, a bad config): the pool stops.
 */
export const workerRestart = {
  maxCrashes: 5,
  windowMs: 60_000,
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
};

export interface WorkerPoolOptions {
  count: number;
  log: Logger;
  restart?: typeof workerRestart;
}

/**
 * The primary of the one-machine topology: forks `count` workers that share its listening ports
 * (node:cluster hands each accepted connection to one, in turn), forks a replacement for one
 * that dies (a connection handed to it in the instant it died is lost with it, as its requests
 * in flight are),
 * and on SIGTERM or SIGINT passes SIGTERM on to every worker, which drains and exits; exits 0
 * once every worker exited 0. A second signal kills the workers at once.
 */
export function runWorkerPool({ count, log, restart = workerRestart }: WorkerPoolOptions): void {
  const live = new Set<Worker>();
  const crashes: number[] = [];
  let pendingForks: NodeJS.Timeout[] = [];
  let stopping = false;
  let failed = false;

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    log.info({ worker: worker.id, pid: worker.process.pid }, 'worker started');
    worker.on('exit', (code, signal) => exited(worker, code, signal));
  };

  const exited = (worker: Worker, code: number | null, signal: string | null) => {
    live.delete(worker);
    const how = { worker: worker.id, pid: worker.process.pid, code, signal };
    if (stopping) {
      // a worker still loading has no SIGTERM handler yet: ended by it, it had nothing to drain
      if (code !== 0 && signal !== 'SIGTERM') failed = true;
      log.info(how, 'worker stopped');
      if (live.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes[0]! < now - restart.windowMs) crashes.shift();
    if (crashes.length >= restart.maxCrashes) {
      log.error(
        { ...how, exits: crashes.length, windowMs: restart.windowMs },
        'workers keep exiting; stopping',
      );
      failed = true;
      stop();
      return;
    }
    const delayMs = Math.min(restart.firstDelayMs * 2 ** (crashes.length - 1), restart.maxDelayMs);
    log.error({ ...how, delayMs }, 'worker exited; forking a replacement');
    const timer = setTimeout(() => {
      pendingForks = pendingForks.filter((t) => t !== timer);
      if (!stopping) fork();
    }, delayMs);
    pendingForks.push(timer);
  };

  const stop = () => {
    stopping = true;
    pendingForks.forEach(clearTimeout);
    pendingForks = [];
    if (live.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of live) worker.process.kill('SIGTERM');
  };

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn({ signal }, 'second signal: killing every worker');
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    signalled = true;
    log.info({ signal, workers: live.size }, 'shutting down every worker');
    stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  for (let i = 0; i < count; i += 1) fork();
}
