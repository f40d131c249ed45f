/**
 * `npm run bench`: the feed under autocannon, Reel beside the hand-written baseline (issue 11).
 *
 * Without arguments it starts the stack itself (scripts/start.ts as a child, on ports 41xx/81xx
 * and its own `reel_bench` database, once per topology in BENCH_TOPOLOGIES: single, what `npm
 * start` runs, every service in one process as a worker per core; remote, every service its own
 * process; in-process, the gateway running the subgraphs beside compat-rest), seeds the bench data set (bench/seed.ts: 2000 users,
 * 10 000 videos, 100 000 likes, 40 000 follows) once, starts bench/baseline on the same database,
 * and measures /douyin/feed/ anonymous and logged in on both, and the GraphQL feed query with the
 * same fields on Reel; one table prints req/s, p50 and p99 of each and Reel's ratio to the
 * baseline. `--target <gatewayUrl> <restUrl>` measures a running stack alone.
 * Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 32),
 * BENCH_TOPOLOGIES (default "single,remote"), BENCH_MYSQL_URL, BENCH_NAMESPACE (default "bench"),
 * BENCH_PORT_OFFSET (added to every port, default 0), BENCH_PARTS (default "feed,writes,fanout";
 * writes and fan-out run on the first topology: bench/parts.ts).
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { issueToken } from '@reel/common/auth';
import { parseConfig } from '@reel/common/env';
import {
  describeMachine,
  formatRss,
  processTreeMemory,
  type RssRow,
  rssRows,
} from '../bench/machine';
import {
  benchParts,
  bigAccountTargets,
  bigPageCpu,
  bigPageSummary,
  type CpuTarget,
  cpuPerRequest,
  runParts,
} from '../bench/parts';
import { benchUserId, seedBench, seedBigAccounts } from '../bench/seed';
import { type BenchStack, benchEnv as benchEnvFor, startBenchStack } from '../bench/stack';
import { douyinVideoFragment } from '../compat-rest/src/douyin-video';
import { pollUntil } from './lib/deadline';

const duration = Number(process.env.BENCH_DURATION ?? 10); // seconds per target
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
type BenchTopology = 'single' | 'remote' | 'in-process';
const topologies = (process.env.BENCH_TOPOLOGIES ?? 'single,remote')
  .split(',')
  .map((t) => t.trim()) as BenchTopology[];
const topologyLabel = (topology: BenchTopology) =>
  topology === 'single'
    ? `Reel, single (${process.env.REEL_WORKERS ?? cpus().length} workers)`
    : `Reel, subgraphs ${topology}`;
const mysqlUrl = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/reel_bench';
const root = path.resolve(__dirname, '..');
// BENCH_PORT_OFFSET moves every port below, for two benches on one machine
const portOffset = Number(process.env.BENCH_PORT_OFFSET ?? 0);
const BASELINE_PORT = 8190 + portOffset;
const GATEWAY_PORT = 4100 + portOffset;
const REST_PORT = 8180 + portOffset;
// a seeded user who likes the newest seeded video (bench/seed.ts), so a flag on the page is true
const BENCH_VIEWER = 1257;

// the same fields compat-rest's /douyin/feed/ asks for
const feedQuery = `query Feed($after: String) { feed(first: 30, after: $after) {
  edges { node { ...DouyinVideo } } pageInfo { endCursor } } }
${douyinVideoFragment}`;

const namespace = process.env.BENCH_NAMESPACE ?? 'bench'; // apart from another run's streams and keys
const benchEnv = benchEnvFor(mysqlUrl, namespace, GATEWAY_PORT);

interface Row {
  server: string;
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

const WARMUP_SECONDS = 3; // JIT, pools and caches warm up before the measured run

async function measure(server: string, target: string, options: autocannon.Options): Promise<Row> {
  await autocannon({ connections, duration: WARMUP_SECONDS, ...options });
  const result = await autocannon({ connections, duration, ...options });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    server,
    target,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: failures,
  };
}

/** A seeded user's token, signed with the bench secret: logged-in pages carry real flags. */
async function benchToken(): Promise<string> {
  const { auth } = parseConfig(benchEnv, ['auth']);
  return issueToken(auth, benchUserId(BENCH_VIEWER));
}

// created_at of the video with 100 000 likes by the author with 100 000 followers (bench/seed.ts)
let bigVideoMs: number | undefined;
const rss: RssRow[] = [];
const pageCpu: string[] = [];

function restTargets(restUrl: string, token: string): [string, autocannon.Options][] {
  return [
    ['GET /douyin/feed/ (anonymous)', { url: `${restUrl}/douyin/feed/` }],
    [
      'GET /douyin/feed/ (logged in)',
      { url: `${restUrl}/douyin/feed/?token=${encodeURIComponent(token)}` },
    ],
    // last: a target measured first runs on a colder process
    ...bigAccountTargets(restUrl, token, bigVideoMs),
  ];
}

const graphqlFeedTarget = (gatewayUrl: string): [string, CpuTarget] => [
  'POST /graphql feed(first: 30), anonymous',
  {
    url: `${gatewayUrl}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: feedQuery, variables: {} }),
  },
];

const anonymousRestTarget = (restUrl: string): [string, CpuTarget] => [
  'GET /douyin/feed/ (anonymous)',
  { url: `${restUrl}/douyin/feed/` },
];

async function benchReel(server: string, gatewayUrl: string, restUrl: string): Promise<Row[]> {
  const token = await benchToken();
  const targets: [string, autocannon.Options][] = [
    ...restTargets(restUrl, token),
    graphqlFeedTarget(gatewayUrl),
  ];
  const rows: Row[] = [];
  for (const [target, options] of targets) rows.push(await measure(server, target, options));
  return rows;
}

async function benchBaseline(): Promise<Row[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench', 'baseline', 'server.ts')],
    {
      cwd: root,
      env: { ...benchEnv, BASELINE_PORT: String(BASELINE_PORT) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the baseline exited (${signal ?? code})`));
  try {
    const restUrl = `http://127.0.0.1:${BASELINE_PORT}`;
    await pollUntil(
      async () => {
        const response = await fetch(`${restUrl}/douyin/feed/`);
        const page = (await response.json()) as { video_list?: unknown[] };
        if (page.video_list?.length !== 30) throw new Error('not a full page yet');
      },
      { what: 'the baseline', deadlineMs: 30_000, intervalMs: 250, abandonWhen: () => exited },
    );
    const token = await benchToken();
    const rows: Row[] = [];
    const before = processTreeMemory(child.pid!);
    for (const [target, options] of restTargets(restUrl, token))
      rows.push(await measure('baseline', target, options));
    rss.push(...rssRows('baseline', before, processTreeMemory(child.pid!)));
    pageCpu.push(await bigPageCpu('baseline', restUrl, token, bigVideoMs, child.pid!));
    pageCpu.push(await cpuPerRequest('baseline', [anonymousRestTarget(restUrl)], child.pid!));
    return rows;
  } finally {
    child.kill('SIGTERM');
  }
}

function startStack(topology: BenchTopology): Promise<BenchStack> {
  return startBenchStack({
    topology,
    mysqlUrl,
    namespace,
    gatewayPort: GATEWAY_PORT,
    restPort: REST_PORT,
    subgraphPortOffset: 100 + portOffset,
    mediaDir: 'bench-media',
  });
}

function print(rows: Row[]): void {
  console.log(
    `\nReel feed benchmark — ${describeMachine()}; ${connections} connections, ${duration} s per target (after ${WARMUP_SECONDS} s warm-up)`,
  );
  console.log('the load generator runs on the same cores as the servers\n');
  // Reel's ratio is to the baseline's same target; the GraphQL feed to the baseline's anonymous feed
  const baselineOf = (target: string) =>
    rows.find(
      (row) =>
        row.server === 'baseline' &&
        row.target === (target.startsWith('POST') ? 'GET /douyin/feed/ (anonymous)' : target),
    );
  const header = ['server', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'x baseline'];
  const lines = rows.map((row) => {
    const base = baselineOf(row.target);
    const ratio =
      row.server === 'baseline' || !base?.reqPerSec
        ? ''
        : (row.reqPerSec / base.reqPerSec).toFixed(2);
    return [
      row.server,
      row.target,
      String(row.reqPerSec),
      String(row.p50),
      String(row.p99),
      String(row.errors),
      ratio,
    ];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => line[i]!.length)),
  );
  for (const line of [header, ...lines])
    console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  const bigPage = bigPageSummary(rows);
  if (bigPage) console.log(`\n${bigPage}`);
  for (const line of pageCpu.filter(Boolean)) console.log(line);
}

async function main(): Promise<void> {
  const targetIndex = process.argv.indexOf('--target');
  if (targetIndex >= 0) {
    const [gatewayUrl, restUrl] = process.argv.slice(targetIndex + 1);
    if (!gatewayUrl || !restUrl)
      throw new Error('usage: npm run bench -- --target <gatewayUrl> <restUrl>');
    print(await benchReel('running stack', gatewayUrl, restUrl));
    return;
  }
  console.log(`bench: ${describeMachine()}`);
  const parts = benchParts(process.env.BENCH_PARTS);
  const rows: Row[] = [];
  const reports: string[] = [];
  for (const topology of topologies) {
    console.log(`bench: starting the stack: ${topologyLabel(topology)}`);
    const stack = await startStack(topology);
    try {
      // the stack has migrated the database by now; seeding is once per database
      if (await seedBench(mysqlUrl)) console.log('bench: seeded the bench data set');
      bigVideoMs = await seedBigAccounts(mysqlUrl);
      const before = processTreeMemory(stack.pid);
      if (parts.has('feed')) {
        if (rows.length === 0) rows.push(...(await benchBaseline()));
        const server = topologyLabel(topology);
        rows.push(...(await benchReel(server, stack.gatewayUrl, stack.restUrl)));
        pageCpu.push(
          await bigPageCpu(server, stack.restUrl, await benchToken(), bigVideoMs, stack.pid),
          await cpuPerRequest(
            server,
            [anonymousRestTarget(stack.restUrl), graphqlFeedTarget(stack.gatewayUrl)],
            stack.pid,
          ),
        );
      }
      if (topology === topologies[0])
        reports.push(
          ...(await runParts(parts, {
            topology,
            gatewayUrl: stack.gatewayUrl,
            mysqlUrl,
            stackPid: stack.pid,
            tokenFor: (userId) => issueToken(parseConfig(benchEnv, ['auth']).auth, userId),
          })),
        );
      rss.push(...rssRows(topologyLabel(topology), before, processTreeMemory(stack.pid)));
    } finally {
      await stack.stop();
    }
  }
  if (parts.has('feed')) print(rows);
  else console.log(`\nReel benchmark — ${describeMachine()}`);
  for (const report of reports) console.log(`\n${report}`);
  console.log(`\nRSS of every process, before the load and after it\n${formatRss(rss)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
