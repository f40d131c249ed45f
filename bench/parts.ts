/**
 * The parts of `npm run bench` beside the feed table (scripts/bench.ts), chosen by BENCH_PARTS
 * (comma-separated, default all): `feed` (the feed table, with the big-accounts page beside an
 * ordinary one), `writes` (bench/writes.ts), `fanout` (bench/fanout.ts). Writes and fan-out run
 * once, on the first topology of BENCH_TOPOLOGIES.
 * Env: BENCH_WRITES_DURATION (s, default 10), BENCH_WRITES_WARMUP (s, default 3: JIT-cold at a
 * few dozen writes a second; 30 warms it), BENCH_WRITES_CONNECTIONS (default 64),
 * BENCH_WRITERS (default 5000), BENCH_SUBSCRIBERS (default 5000), BENCH_FANOUT_WORKERS
 * (default 2), BENCH_FANOUT_COMMENTS (default 5).
 */
import type autocannon from 'autocannon';
import { benchFanOut } from './fanout';
import { cpuSpentBy, processTreeMemory } from './machine';
import { bigAccounts } from './seed';
import { benchWrites } from './writes';

const PARTS = ['feed', 'writes', 'fanout'] as const;
export type BenchPart = (typeof PARTS)[number];

export function benchParts(value: string | undefined): Set<BenchPart> {
  const chosen = (value ?? PARTS.join(','))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = chosen.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0 || chosen.length === 0)
    throw new Error(
      `BENCH_PARTS: ${unknown.join(', ') || 'nothing'} is not one of ${PARTS.join(', ')}`,
    );
  return new Set(chosen as BenchPart[]);
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name}: ${raw} is not a positive whole number`);
  return value;
}

export const BIG_PAGE = 'GET /douyin/feed/ (logged in), page with big accounts';
export const ORDINARY_PAGE = 'GET /douyin/feed/ (logged in), next page, without';

/**
 * The logged-in page that starts at the video with 100 000 likes by the author with 100 000
 * followers, and the page right after it (the same seeded videos but that one): the same cost is
 * the same req/s. compat-rest and the baseline read latest_time as "strictly before", in ms.
 */
export function bigAccountTargets(
  restUrl: string,
  token: string,
  bigVideoMs: number | undefined,
): [string, autocannon.Options][] {
  if (bigVideoMs === undefined) return [];
  const page = (latestTime: number) =>
    `${restUrl}/douyin/feed/?latest_time=${latestTime}&token=${encodeURIComponent(token)}`;
  return [
    [BIG_PAGE, { url: page(bigVideoMs + 1) }],
    [ORDINARY_PAGE, { url: page(bigVideoMs) }],
  ];
}

/** Per server: req/s of the big-accounts page over the ordinary one's (1.00: the same cost). */
export function bigPageSummary(rows: { server: string; target: string; reqPerSec: number }[]) {
  const servers = [...new Set(rows.map((row) => row.server))];
  const ratios = servers.flatMap((server) => {
    const big = rows.find((row) => row.server === server && row.target === BIG_PAGE);
    const ordinary = rows.find((row) => row.server === server && row.target === ORDINARY_PAGE);
    if (!big || !ordinary?.reqPerSec) return [];
    return [`${server} ${(big.reqPerSec / ordinary.reqPerSec).toFixed(2)}`];
  });
  if (ratios.length === 0) return '';
  return `Big accounts (video ${bigAccounts.videoId}: ${bigAccounts.fans} likes; its author ${bigAccounts.authorId}: ${bigAccounts.fans} followers): req/s of their page over the next page's: ${ratios.join(', ')} (1.00 = the same cost)`;
}

export interface PartsContext {
  topology: string;
  gatewayUrl: string;
  mysqlUrl: string;
  tokenFor(userId: number): Promise<string>;
  /** scripts/start.ts of the stack: every service is below it */
  stackPid: number;
}

/** Runs the writes and fan-out parts chosen; their reports, to print after the feed table. */
export async function runParts(parts: Set<BenchPart>, context: PartsContext): Promise<string[]> {
  const reports: string[] = [];
  if (parts.has('writes')) {
    console.log(`bench: writes, subgraphs ${context.topology}`);
    const result = await benchWrites({
      gatewayUrl: context.gatewayUrl,
      mysqlUrl: context.mysqlUrl,
      durationS: numberFromEnv('BENCH_WRITES_DURATION', 10),
      warmupS: numberFromEnv('BENCH_WRITES_WARMUP', 3),
      connections: numberFromEnv('BENCH_WRITES_CONNECTIONS', 64),
      writers: numberFromEnv('BENCH_WRITERS', 5000),
      tokenFor: context.tokenFor,
      stackPid: context.stackPid,
    });
    reports.push(`[subgraphs ${context.topology}] ${result.report}`);
  }
  if (parts.has('fanout')) {
    console.log(`bench: fan-out, subgraphs ${context.topology}`);
    const result = await benchFanOut({
      gatewayUrl: context.gatewayUrl,
      mysqlUrl: context.mysqlUrl,
      subscribers: numberFromEnv('BENCH_SUBSCRIBERS', 5000),
      workers: numberFromEnv('BENCH_FANOUT_WORKERS', 2),
      comments: numberFromEnv('BENCH_FANOUT_COMMENTS', 5),
      tokenFor: context.tokenFor,
      // its own process in the services topologies; the primary and its workers in the single one
      gatewayPids: processTreeMemory(context.stackPid)
        .filter((p) => p.name === 'apps/gateway')
        .map((p) => p.pid),
    });
    reports.push(`[subgraphs ${context.topology}] ${result.report}`);
  }
  return reports;
}

const PAGE_CPU_ROUNDS = 4;
const PAGE_CPU_REQUESTS = 25; // per page per round, one at a time: /proc counts 10 ms ticks
// uncounted requests of each target first: a cached page older than its max age (60 s, and the
// feed targets before take longer) is rebuilt on its next request in each worker, once a minute
// in the life of the page, which would land in whichever target is measured first
const WARM_REQUESTS = 8;

const TARGET_CPU_ROUNDS = 4;
const TARGET_CPU_REQUESTS = 50; // per target per round, one at a time: /proc counts 10 ms ticks

/** One HTTP request of a CPU measurement: what autocannon's options say of it. */
export interface CpuTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * CPU per request of each target, of every process below `rootPid` (MariaDB and Redis are not
 * counted): sequential requests, the targets alternating in rounds as in bigPageCpu, so the
 * number does not depend on how busy the neighbours keep the cores.
 */
export async function cpuPerRequest(
  server: string,
  targets: readonly (readonly [string, CpuTarget])[],
  rootPid: number,
): Promise<string> {
  const spent = targets.map(() => 0);
  for (const [, { url, ...init }] of targets)
    for (let n = 0; n < WARM_REQUESTS; n += 1) await (await fetch(url, init)).text();
  for (let round = 0; round < TARGET_CPU_ROUNDS; round += 1)
    for (const [i, [label, { url, ...init }]] of targets.entries()) {
      const { cpu } = await cpuSpentBy(rootPid, async () => {
        for (let n = 0; n < TARGET_CPU_REQUESTS; n += 1) {
          const response = await fetch(url, init);
          const body = await response.text();
          if (!response.ok || body.includes('"errors"'))
            throw new Error(`${server}: ${label} answered ${body.slice(0, 200)}`);
        }
      });
      spent[i]! += cpu.reduce((sum, p) => sum + p.ms, 0);
    }
  const requests = TARGET_CPU_ROUNDS * TARGET_CPU_REQUESTS;
  const each = targets.map(([label], i) => `${label} ${(spent[i]! / requests).toFixed(2)} ms`);
  return `${server}: CPU a request, ${each.join('; ')} (${requests} sequential requests each, alternating)`;
}

/**
 * CPU per request of the big-accounts page and of the next one, of every process below `rootPid`
 * (the stack, or the baseline): the pages alternate in rounds of sequential requests, so both see
 * the same neighbours, and CPU time, unlike req/s, does not depend on how busy they are.
 */
export async function bigPageCpu(
  server: string,
  restUrl: string,
  token: string,
  bigVideoMs: number | undefined,
  rootPid: number,
): Promise<string> {
  if (bigVideoMs === undefined) return '';
  const [[, big], [, ordinary]] = bigAccountTargets(restUrl, token, bigVideoMs) as [
    [string, { url: string }],
    [string, { url: string }],
  ];
  const spent = { big: 0, ordinary: 0 };
  for (const url of [big.url, ordinary.url])
    for (let n = 0; n < WARM_REQUESTS; n += 1) await (await fetch(url)).text();
  for (let round = 0; round < PAGE_CPU_ROUNDS; round += 1)
    for (const [page, url] of [
      ['big', big.url],
      ['ordinary', ordinary.url],
    ] as const) {
      const { cpu } = await cpuSpentBy(rootPid, async () => {
        for (let i = 0; i < PAGE_CPU_REQUESTS; i += 1) {
          const response = await fetch(url);
          const body = (await response.json()) as { status_code?: number; video_list?: unknown[] };
          if (body.status_code !== 0 || body.video_list?.length !== 30)
            throw new Error(`${server}: ${url} answered ${JSON.stringify(body).slice(0, 200)}`);
        }
      });
      spent[page] += cpu.reduce((sum, p) => sum + p.ms, 0);
    }
  const requests = PAGE_CPU_ROUNDS * PAGE_CPU_REQUESTS;
  const perBig = spent.big / requests;
  const perOrdinary = spent.ordinary / requests;
  return `${server}: ${perBig.toFixed(1)} ms CPU a request with the big accounts, ${perOrdinary.toFixed(1)} ms without (${requests} sequential requests each, alternating; ratio ${perOrdinary ? (perBig / perOrdinary).toFixed(2) : '?'})`;
}
