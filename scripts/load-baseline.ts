/**
 * `npm run load-baseline`: RELIABILITY row 26's load part, a feed baseline under autocannon.
 *
 * Starts the stack (bench/stack.ts, subgraphs as their own processes) on ports 43xx/8380, the
 * `load` namespace and a database of its own (`reel_load`, seeded once with the bench data set),
 * warms it up, waits 10 s without load and reads every Reel process's RSS, then loads the GraphQL
 * `feed` and compat-rest's `/douyin/feed/` at once for LOAD_DURATION seconds, waits 10 s without
 * load again and reads RSS again: both readings are of a quiet process after load (nothing forced
 * from here: no GC, no restart; each process runs its own idle collection, idle-gc.ts). It fails (exit 1) when the error rate (non-2xx, errors
 * in bodies, connection errors and timeouts over requests sent) reaches 0.1%, when a target's p99
 * exceeds its recorded p99 (bench/load-baseline.json) by more than the tolerance, or when a
 * process's RSS after the calm-down exceeds 110% of before. `--record` rewrites the budget.
 * Env: LOAD_DURATION (s, default 30), LOAD_WARMUP (s, default 45), LOAD_CONNECTIONS (per target,
 * default 16), LOAD_MYSQL_URL, LOAD_PORT_OFFSET (added to every port), LOAD_ROUNDS (further rounds
 * of load and calm-down after the judged one, printed to tell a plateau from a climb).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  describeMachine,
  formatTable,
  type ProcessMemory,
  processTreeMemory,
} from '../bench/machine';
import { seedBench } from '../bench/seed';
import { startBenchStack } from '../bench/stack';
import { subgraphManifest } from '@reel/common/manifest';
import { douyinVideoFragment } from '../compat-rest/src/douyin-video';
import { sleep } from './lib/deadline';

const duration = Number(process.env.LOAD_DURATION ?? 30); // seconds
const connections = Number(process.env.LOAD_CONNECTIONS ?? 16); // per target, both at once
const mysqlUrl = process.env.LOAD_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/reel_load';
const record = process.argv.includes('--record');
// added to every port (gateway 4300, compat-rest 8380, subgraphs their default + 300)
const portOffset = Number(process.env.LOAD_PORT_OFFSET ?? 0);
const GATEWAY_PORT = 4300 + portOffset;
const REST_PORT = 8380 + portOffset;
const SUBGRAPH_PORT_OFFSET = 300 + portOffset;
// further rounds of load + calm-down after the judged one, printed: a plateau or a climb
const rounds = Number(process.env.LOAD_ROUNDS ?? 1);
const budgetPath = path.resolve(__dirname, '..', 'bench', 'load-baseline.json');

// JIT, pools, caches and heaps reach their working size before RSS is read. After 15 s of warm-up
// every subgraph and the gateway still grew 30-50% during the load; after 45 s these stayed level
// or shrank, so that growth was the heaps reaching their size, not a leak (first runs, Nov 2026)
const warmupSeconds = Number(process.env.LOAD_WARMUP ?? 45); // seconds
const CALM_DOWN_MS = 10_000;
const REQUEST_TIMEOUT_SECONDS = 10; // autocannon counts a longer wait as a timeout (an error)
const MAX_ERROR_RATE = 0.001; // 0.1%
const MAX_RSS_GROWTH = 1.1; // after the calm-down, of before the load
// the shared 2-core machine's p99 drifts by about a third within an hour: 1.5x leaves room for
// that drift and still catches a regression that doubles the tail
const P99_TOLERANCE = 1.5;

// the same fields compat-rest's /douyin/feed/ asks for (scripts/bench.ts)
const feedQuery = `query Feed($after: String) { feed(first: 30, after: $after) {
  edges { node { ...DouyinVideo } } pageInfo { endCursor } } }
${douyinVideoFragment}`;

type TargetName = 'POST /graphql feed(first: 30)' | 'GET /douyin/feed/';

interface Budget {
  recordedAt: string;
  machine: string;
  durationSeconds: number;
  connectionsPerTarget: number;
  p99ToleranceFactor: number;
  targets: Record<TargetName, { p99Ms: number; reqPerSec: number }>;
}

function parseJson(body: unknown): unknown {
  try {
    return JSON.parse(String(body));
  } catch {
    return undefined; // not JSON: counted as a body with an error
  }
}

/** A 200 with errors in its body is a failure too: GraphQL `errors`, Douyin's `status_code`. */
function targets(gatewayUrl: string, restUrl: string): [TargetName, autocannon.Options][] {
  return [
    [
      'POST /graphql feed(first: 30)',
      {
        url: `${gatewayUrl}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: feedQuery, variables: {} }),
        verifyBody: (body) => {
          const parsed = parseJson(body) as { data?: unknown; errors?: unknown } | undefined;
          return parsed?.data != null && parsed.errors === undefined;
        },
      },
    ],
    [
      'GET /douyin/feed/',
      {
        url: `${restUrl}/douyin/feed/`,
        verifyBody: (body) => (parseJson(body) as { status_code?: number })?.status_code === 0,
      },
    ],
  ];
}

interface Measured {
  target: TargetName;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  failures: number;
  errorRate: number;
}

/** Every target at once, for `seconds`. */
async function load(
  list: [TargetName, autocannon.Options][],
  seconds: number,
): Promise<Measured[]> {
  const results = await Promise.all(
    list.map(([, options]) =>
      autocannon({ connections, duration: seconds, timeout: REQUEST_TIMEOUT_SECONDS, ...options }),
    ),
  );
  return results.map((result, i) => {
    // errors counts connection errors and timeouts; mismatches, 2xx bodies that carry an error
    const failures = result.non2xx + result.mismatches + result.errors;
    const sent = result.requests.total + result.errors;
    return {
      target: list[i]![0],
      requests: sent,
      reqPerSec: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      failures,
      errorRate: sent === 0 ? 1 : failures / sent,
    };
  });
}

function readBudget(): Budget | undefined {
  try {
    return JSON.parse(readFileSync(budgetPath, 'utf8')) as Budget;
  } catch {
    return undefined;
  }
}

/** V8's view of a process's memory, from its own GET /metrics (prom-client's default metrics). */
interface HeapView {
  heapUsed: number;
  heapTotal: number;
  newSpace: number;
  external: number;
}

/** Where a process named by bench/machine.ts (its entry point) serves GET /metrics. */
function metricsUrl(name: string): string | undefined {
  if (/apps\/gateway|dist\/gateway\.js$/.test(name))
    return `http://127.0.0.1:${GATEWAY_PORT}/metrics`;
  if (/compat-rest/.test(name)) return `http://127.0.0.1:${REST_PORT}/metrics`;
  const subgraph = subgraphManifest.find(
    (s) => name === `subgraphs/${s.name}` || name.endsWith(`dist/${s.name}-subgraph.js`),
  );
  return subgraph && `http://127.0.0.1:${subgraph.port + SUBGRAPH_PORT_OFFSET}/metrics`;
}

async function heapViews(names: string[]): Promise<Map<string, HeapView>> {
  const views = new Map<string, HeapView>();
  for (const name of names) {
    const url = metricsUrl(name);
    if (!url) continue;
    try {
      const text = await (await fetch(url)).text();
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
      views.set(name, {
        heapUsed: value(/^nodejs_heap_size_used_bytes (\S+)/m),
        heapTotal: value(/^nodejs_heap_size_total_bytes (\S+)/m),
        newSpace: value(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m),
        external: value(/^nodejs_external_memory_bytes (\S+)/m),
      });
    } catch {
      // no metrics from this one: its row says so
    }
  }
  return views;
}

const percent = (rate: number) => `${(rate * 100).toFixed(3)}%`;
const mib = (kib: number) => (kib / 1024).toFixed(1);

async function main(): Promise<void> {
  console.log(`load-baseline: ${describeMachine()}`);
  const stack = await startBenchStack({
    topology: 'remote',
    mysqlUrl,
    namespace: 'load',
    gatewayPort: GATEWAY_PORT,
    restPort: REST_PORT,
    subgraphPortOffset: SUBGRAPH_PORT_OFFSET,
    mediaDir: 'load-media',
  });
  const problems: string[] = [];
  try {
    // the stack has migrated the database by now; seeding is once per database
    if (await seedBench(mysqlUrl)) console.log('load-baseline: seeded the bench data set');
    const list = targets(stack.gatewayUrl, stack.restUrl);
    await load(list, warmupSeconds);
    // before and after are both a quiet process after load: each process's idle collection
    // (packages/common/src/idle-gc.ts) has had its chance at both, so only what the load kept counts
    await sleep(CALM_DOWN_MS);
    const before = processTreeMemory(stack.pid);
    const heapsBefore = await heapViews(before.map((p) => p.name));
    console.log(
      `load-baseline: ${duration} s, ${connections} connections per target, both at once`,
    );
    const rows = await load(list, duration);
    await sleep(CALM_DOWN_MS);
    const after = processTreeMemory(stack.pid);
    const heapsAfter = await heapViews(after.map((p) => p.name));
    const extraRounds: { memory: ProcessMemory[]; heaps: Map<string, HeapView> }[] = [];
    for (let round = 1; round < rounds; round++) {
      await load(list, duration);
      await sleep(CALM_DOWN_MS);
      const memory = processTreeMemory(stack.pid);
      extraRounds.push({ memory, heaps: await heapViews(memory.map((p) => p.name)) });
    }

    const budget = readBudget();
    console.log(
      `\nFeed load baseline: ${duration} s, ${connections} connections on each target at once (after ${warmupSeconds} s warm-up)`,
    );
    console.log(
      budget
        ? `p99 budget recorded ${budget.recordedAt} on ${budget.machine}; tolerance ×${P99_TOLERANCE}`
        : 'no recorded p99 budget yet (run with --record)',
    );
    console.log(
      formatTable(
        [
          'target',
          'requests',
          'req/s',
          'p50 ms',
          'p99 ms',
          'p99 budget ms',
          'errors',
          'error rate',
        ],
        rows.map((row) => {
          const recorded = budget?.targets[row.target]?.p99Ms;
          return [
            row.target,
            String(row.requests),
            String(row.reqPerSec),
            String(row.p50),
            String(row.p99),
            recorded === undefined ? '—' : `${recorded} ×${P99_TOLERANCE}`,
            String(row.failures),
            percent(row.errorRate),
          ];
        }),
      ),
    );
    for (const row of rows) {
      if (row.errorRate >= MAX_ERROR_RATE)
        problems.push(`${row.target}: error rate ${percent(row.errorRate)} ≥ 0.1%`);
      const recorded = budget?.targets[row.target]?.p99Ms;
      if (!record && recorded !== undefined && row.p99 > recorded * P99_TOLERANCE)
        problems.push(`${row.target}: p99 ${row.p99} ms > ${recorded} ms ×${P99_TOLERANCE}`);
    }

    console.log(`\nRSS before the load and after ${CALM_DOWN_MS / 1000} s of calm`);
    console.log(
      formatTable(
        ['process', 'pid', 'before MiB', 'after MiB', 'delta MiB', 'after / before'],
        before.map((b) => {
          const a = after.find((p) => p.pid === b.pid)?.rssKiB;
          if (a === undefined) {
            problems.push(`${b.name} (pid ${b.pid}) exited during the load`);
            return [b.name, String(b.pid), mib(b.rssKiB), 'exited', '', ''];
          }
          const ratio = a / b.rssKiB;
          if (ratio > MAX_RSS_GROWTH)
            problems.push(
              `${b.name}: RSS ${mib(a)} MiB after the calm-down, > 110% of ${mib(b.rssKiB)}`,
            );
          return [
            b.name,
            String(b.pid),
            mib(b.rssKiB),
            mib(a),
            `${a >= b.rssKiB ? '+' : ''}${mib(a - b.rssKiB)}`,
            `${(ratio * 100).toFixed(1)}%`,
          ];
        }),
      ),
    );

    const mb = (bytes: number | undefined) =>
      bytes === undefined || Number.isNaN(bytes) ? '?' : (bytes / 2 ** 20).toFixed(1);
    console.log('\nV8 heap before → after (MiB): used, total, of which new space; external');
    console.log(
      formatTable(
        ['process', 'heap used', 'heap total', 'new space', 'external', 'RSS outside the heap'],
        before.map((b) => {
          const h0 = heapsBefore.get(b.name);
          const h1 = heapsAfter.get(b.name);
          const a = after.find((p) => p.pid === b.pid)?.rssKiB;
          const outside = (rss: number | undefined, h: HeapView | undefined) =>
            rss === undefined || !h ? undefined : rss * 1024 - h.heapTotal;
          const pair = (x: number | undefined, y: number | undefined) => `${mb(x)} → ${mb(y)}`;
          return [
            b.name,
            pair(h0?.heapUsed, h1?.heapUsed),
            pair(h0?.heapTotal, h1?.heapTotal),
            pair(h0?.newSpace, h1?.newSpace),
            pair(h0?.external, h1?.external),
            pair(outside(b.rssKiB, h0), outside(a, h1)),
          ];
        }),
      ),
    );
    if (extraRounds.length > 0) {
      console.log(
        `\nRSS (V8 heap used), MiB, after each further round of ${duration} s load and ${CALM_DOWN_MS / 1000} s calm`,
      );
      console.log(
        formatTable(
          ['process', 'before', 'round 1', ...extraRounds.map((_, i) => `round ${i + 2}`)],
          before.map((b) => {
            const cell = (memory: ProcessMemory[], heaps: Map<string, HeapView>) =>
              `${mib(memory.find((p) => p.pid === b.pid)?.rssKiB ?? Number.NaN)} (${mb(heaps.get(b.name)?.heapUsed)})`;
            return [
              b.name,
              cell(before, heapsBefore),
              cell(after, heapsAfter),
              ...extraRounds.map((r) => cell(r.memory, r.heaps)),
            ];
          }),
        ),
      );
    }

    // a run with errors records nothing: its p99 is no baseline (RSS says nothing about latency)
    if (record && rows.every((row) => row.errorRate < MAX_ERROR_RATE)) {
      const recorded: Budget = {
        recordedAt: new Date().toISOString(),
        machine: describeMachine(),
        durationSeconds: duration,
        connectionsPerTarget: connections,
        p99ToleranceFactor: P99_TOLERANCE,
        targets: Object.fromEntries(
          rows.map((row) => [row.target, { p99Ms: row.p99, reqPerSec: row.reqPerSec }]),
        ) as Budget['targets'],
      };
      writeFileSync(budgetPath, `${JSON.stringify(recorded, null, 2)}\n`);
      console.log(`\nrecorded the p99 budget in ${path.relative(process.cwd(), budgetPath)}`);
    }
  } finally {
    await stack.stop();
  }
  if (problems.length > 0) {
    console.log(`\nFAILED:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    '\npassed: error rate < 0.1%, p99 within budget, RSS within 110% after the calm-down',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
