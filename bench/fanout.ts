/**
 * The fan-out part of `npm run bench` (issue 11: 5000 graphql-ws subscribers of one video's
 * commentAdded on one gateway; a comment reaches them all with p99 ≤ 250 ms). Subscribers live in
 * `workers` child processes (bench/fanout-worker.ts) so the load generator does not starve the
 * bench process; a warm-up comment proves every subscription is live, then `comments` comments
 * are posted one after another through POST /graphql, and each subscriber's latency is its receive
 * time minus the mutation's send time, both on the machine's monotonic clock. The gateway's RSS is
 * read before the sockets open, with all of them subscribed, and after they close, for every
 * gateway process (the single topology's primary and its node:cluster workers, each with its own
 * sockets and NATS subscription), with how many sockets each holds; the CPU per comment of the
 * gateway processes and of the bench's own subscriber processes, which share the machine.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { WorkerCommand, WorkerReply } from './fanout-worker';
import { cpuSplitMs, establishedSocketsByPid, formatTable, rssKiB } from './machine';
import { BENCH_ID_BASE } from './seed';
import { seedWriters } from './writes';

export interface FanOutOptions {
  gatewayUrl: string;
  mysqlUrl: string;
  subscribers: number;
  workers: number;
  comments: number;
  tokenFor(userId: number): Promise<string>;
  /**
   * The gateway's processes (the single topology: its primary, then its workers), whose RSS, CPU
   * and sockets are read from /proc.
   */
  gatewayPids: readonly number[];
}

const VIDEO_ID = String(BENCH_ID_BASE + 1);
const HANDSHAKES_IN_FLIGHT = 50; // per worker
const DELIVERY_DEADLINE_MS = 15_000; // a comment not everywhere by then counts as not received
const SETTLE_MS = 3_000; // after the sockets close, before the last RSS reading

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Worker {
  private readonly waiting: ((reply: WorkerReply) => void)[] = [];
  exited: string | undefined;

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: WorkerReply) => this.waiting.shift()?.(reply));
    child.once('exit', (code, signal) => {
      this.exited = `a fan-out worker exited (${signal ?? code})`;
    });
  }

  /** Commands are answered in order, one reply each. */
  ask<T extends WorkerReply['type']>(
    command: WorkerCommand,
    type: T,
  ): Promise<Extract<WorkerReply, { type: T }>> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) =>
        reply.type === type
          ? resolve(reply as Extract<WorkerReply, { type: T }>)
          : reject(new Error(`a fan-out worker answered ${reply.type}, not ${type}`)),
      );
      this.child.send(command);
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

async function postComment(gatewayUrl: string, token: string, content: string): Promise<number> {
  const sentAt = nowMs();
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        'mutation BenchFanOut($videoId: ID!, $content: String!) { addComment(videoId: $videoId, content: $content) { id } }',
      variables: { videoId: VIDEO_ID, content },
    }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`addComment failed: ${body.errors[0]!.message}`);
  return sentAt;
}

/** Waits until every subscriber has `content` or the deadline; the arrival times in ms. */
async function arrivals(workers: Worker[], content: string, expected: number) {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  const ask = (times: boolean) =>
    Promise.all(workers.map((w) => w.ask({ type: 'received', content, times }, 'received')));
  // counts while the deliveries arrive (the subscriber processes share the cores with the
  // gateway), the times once
  for (;;) {
    const arrived = (await ask(false)).reduce((sum, r) => sum + r.count, 0);
    if (arrived >= expected || Date.now() >= deadline) break;
    await sleep(100);
  }
  const replies = await ask(true);
  return {
    atMs: replies.flatMap((r) => r.atMs ?? []),
    errors: replies.reduce((sum, r) => sum + r.errors, 0),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mib = (kib: number | undefined) => (kib === undefined ? '?' : (kib / 1024).toFixed(0));

export interface FanOutResult {
  report: string;
  p99Ms: number;
}

export async function benchFanOut(options: FanOutOptions): Promise<FanOutResult> {
  const db = await mysql.createConnection(options.mysqlUrl);
  const [commenter] = await seedWriters(db, 1).finally(() => db.end());
  const token = await options.tokenFor(commenter!);
  const { gatewayPids } = options;
  const gatewayPort = Number(new URL(options.gatewayUrl).port);
  const gatewayRss = () => gatewayPids.map((pid) => rssKiB(pid));
  const rssBefore = gatewayRss();
  const workers = Array.from(
    { length: options.workers },
    () =>
      new Worker(
        fork(path.join(__dirname, 'fanout-worker.ts'), [], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      ),
  );
  try {
    const share = (i: number) =>
      Math.floor(options.subscribers / options.workers) +
      (i < options.subscribers % options.workers ? 1 : 0);
    const openStarted = nowMs();
    const opened = await Promise.all(
      workers.map((worker, i) =>
        worker.ask(
          {
            type: 'open',
            gatewayUrl: options.gatewayUrl,
            sockets: share(i),
            videoId: VIDEO_ID,
            concurrency: HANDSHAKES_IN_FLIGHT,
          },
          'opened',
        ),
      ),
    );
    const openSeconds = (nowMs() - openStarted) / 1000;
    const subscribed = opened.reduce((sum, o) => sum + o.subscribed, 0);
    const failures = opened.flatMap((o) => Object.entries(o.failures));

    // the warm-up comment: once every socket has it, every subscription is live
    const warmup = `bench fan-out warm-up ${Date.now()}`;
    await postComment(options.gatewayUrl, token, warmup);
    const warm = await arrivals(workers, warmup, subscribed);
    const rssConnected = gatewayRss();
    const socketsHeld = establishedSocketsByPid(gatewayPids, gatewayPort);
    const clientPids = workers.map((w) => w.child.pid!);
    const cpuBefore = [...gatewayPids, ...clientPids].map((pid) => cpuSplitMs(pid));

    const rows: string[][] = [];
    const all: number[] = [];
    let received = 0;
    let errors = 0;
    for (let i = 0; i < options.comments; i += 1) {
      const content = `bench fan-out ${i + 1} ${Date.now()}`;
      const sentAt = await postComment(options.gatewayUrl, token, content);
      const result = await arrivals(workers, content, subscribed);
      const latencies = result.atMs.map((at) => at - sentAt).sort((a, b) => a - b);
      all.push(...latencies);
      received += latencies.length;
      errors = result.errors;
      rows.push([
        `comment ${i + 1}`,
        `${latencies.length}/${subscribed}`,
        (latencies[0] ?? 0).toFixed(0),
        percentile(latencies, 50).toFixed(0),
        percentile(latencies, 99).toFixed(0),
        (latencies.at(-1) ?? 0).toFixed(0),
      ]);
    }
    const cpuAfter = [...gatewayPids, ...clientPids].map((pid) => cpuSplitMs(pid));
    // ms of CPU per comment of each process, gateway processes first: all, and in the kernel
    const perComment = (part: (split: { userMs: number; systemMs: number }) => number) =>
      cpuAfter.map((after, i) => {
        const before = cpuBefore[i];
        return after === undefined || before === undefined
          ? undefined
          : (part(after) - part(before)) / options.comments;
      });
    const cpuPerComment = perComment((split) => split.userMs + split.systemMs);
    const kernelPerComment = perComment((split) => split.systemMs);
    all.sort((a, b) => a - b);
    rows.push([
      'all',
      `${received}/${subscribed * options.comments}`,
      (all[0] ?? 0).toFixed(0),
      percentile(all, 50).toFixed(0),
      percentile(all, 99).toFixed(0),
      (all.at(-1) ?? 0).toFixed(0),
    ]);

    await Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed')));
    await sleep(SETTLE_MS);
    const rssAfter = gatewayRss();
    const p99Ms = percentile(all, 99);
    const ms = (value: number | undefined) => (value === undefined ? '?' : value.toFixed(0));
    const sum = (values: (number | undefined)[]) =>
      values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + v!, 0);
    const gatewayCpu = cpuPerComment.slice(0, gatewayPids.length);
    const gatewayKernel = kernelPerComment.slice(0, gatewayPids.length);
    const clientCpu = cpuPerComment.slice(gatewayPids.length);
    const clientKernel = kernelPerComment.slice(gatewayPids.length);
    const processRows = gatewayPids.map((pid, i) => [
      `gateway ${i === 0 && gatewayPids.length > 1 ? 'primary' : 'process'} ${pid}`,
      String(socketsHeld.get(pid) ?? '?'),
      mib(rssBefore[i]),
      mib(rssConnected[i]),
      mib(rssAfter[i]),
      ms(gatewayCpu[i]),
      ms(gatewayKernel[i]),
    ]);
    processRows.push([
      'gateway, all',
      String([...socketsHeld.values()].reduce((a, n) => a + n, 0)),
      mib(sum(rssBefore)),
      mib(sum(rssConnected)),
      mib(sum(rssAfter)),
      ms(sum(gatewayCpu)),
      ms(sum(gatewayKernel)),
    ]);
    clientPids.forEach((pid, i) =>
      processRows.push([
        `bench subscribers ${pid}`,
        String(share(i)),
        '',
        '',
        '',
        ms(clientCpu[i]),
        ms(clientKernel[i]),
      ]),
    );
    const deliveryCpuUs = sum(gatewayCpu);
    const report = [
      `Fan-out: ${subscribed} of ${options.subscribers} graphql-ws subscribers of commentAdded on one video (${options.workers} worker processes; opened in ${openSeconds.toFixed(1)} s${failures.length ? `; failed: ${failures.map(([why, n]) => `${why} ×${n}`).join(', ')}` : ''}); warm-up comment reached ${warm.atMs.length}; ${errors} error results; latency from the addComment send; target p99 ≤ 250 ms`,
      formatTable(['comment', 'received', 'first ms', 'p50 ms', 'p99 ms', 'max ms'], rows),
      formatTable(
        [
          'process',
          'sockets',
          'RSS before MiB',
          `RSS subscribed MiB`,
          `RSS ${SETTLE_MS / 1000} s after close MiB`,
          'CPU ms a comment',
          'of which kernel',
        ],
        processRows,
      ),
      `gateway CPU per comment (its mutation and its ${subscribed} deliveries): ${ms(deliveryCpuUs)} ms, ${deliveryCpuUs === undefined || subscribed === 0 ? '?' : ((deliveryCpuUs * 1000) / subscribed).toFixed(1)} µs a delivery`,
    ].join('\n');
    return { report, p99Ms };
  } finally {
    for (const worker of workers) worker.kill();
  }
}
