/**
 * `npm run bench`: load the feed with autocannon and print req/s and latency.
 *
 * Without arguments it starts the stack itself (scripts/start.ts as a child, on ports 41xx/81xx
 * and its own `reel_bench` database, once per topology: subgraphs as their own processes, then
 * inside the gateway), fills the feed to a full page of 30 videos through the real publish
 * pipeline, and measures three targets: /douyin/feed/ anonymous and logged in, and the GraphQL
 * feed query with the same fields. `--target <gatewayUrl> <restUrl>` measures a running stack.
 * Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 32).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { graphql, makeVideo, uploadGraphql } from '@reel/testkit';
import { subgraphManifest } from '@reel/common/manifest';
import { pollUntil, sleep } from './lib/deadline';

const duration = Number(process.env.BENCH_DURATION ?? 10); // seconds per target
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const FEED_PAGE = 30; // what /douyin/feed/ asks for
const root = path.resolve(__dirname, '..');

const feedQuery = `query Feed($after: String) { feed(first: 30, after: $after) {
  edges { node { id title playUrl coverUrl author { id name avatar backgroundImage signature workCount } } }
  pageInfo { hasNextPage endCursor } } }`;

interface Row {
  topology: string;
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

const WARMUP_SECONDS = 3; // JIT, pools and caches warm up before the measured run

async function measure(
  topology: string,
  target: string,
  options: autocannon.Options,
): Promise<Row> {
  const result = await autocannon({ connections, duration, ...options });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    topology,
    target,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: failures,
  };
}

async function benchUser(gatewayUrl: string): Promise<string> {
  const variables = { u: 'reel_bench', p: 'reel-bench-password' };
  const login = await graphql<{ login: { token: string } }>(
    gatewayUrl,
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    variables,
  );
  if (login.data?.login) return login.data.login.token;
  const register = await graphql<{ register: { token: string } }>(
    gatewayUrl,
    'mutation ($u: String!, $p: String!) { register(username: $u, password: $p) { token } }',
    variables,
  );
  if (!register.data?.register) throw new Error(`bench user: ${JSON.stringify(register.errors)}`);
  return register.data.register.token;
}

/** Tops the feed up to a full page with real clips, so every request does a page's work. */
async function fillFeed(gatewayUrl: string, token: string): Promise<void> {
  const page = await graphql<{ feed: { edges: unknown[] } }>(gatewayUrl, feedQuery);
  const missing = FEED_PAGE - (page.data?.feed.edges.length ?? 0);
  if (missing <= 0) return;
  console.log(`bench: publishing ${missing} clips so the feed holds a full page`);
  const clip = await makeVideo({ seconds: 1, width: 360, height: 640 });
  for (let i = 0; i < missing; i += 1) {
    const response = await uploadGraphql(
      gatewayUrl,
      {
        query:
          'mutation ($t: String!, $file: Upload!) { publishVideo(title: $t, file: $file) { id } }',
        variables: { t: `bench clip ${i + 1}` },
        file: clip,
      },
      { token },
    );
    if (response.body.errors)
      throw new Error(`bench publish: ${JSON.stringify(response.body.errors)}`);
  }
}

async function benchTargets(topology: string, gatewayUrl: string, restUrl: string): Promise<Row[]> {
  const token = await benchUser(gatewayUrl);
  await fillFeed(gatewayUrl, token);
  const body = JSON.stringify({ query: feedQuery, variables: {} });
  const targets: [string, autocannon.Options][] = [
    ['GET /douyin/feed/ (anonymous)', { url: `${restUrl}/douyin/feed/` }],
    [
      'GET /douyin/feed/ (logged in)',
      { url: `${restUrl}/douyin/feed/?token=${encodeURIComponent(token)}` },
    ],
    [
      'POST /graphql feed(first: 30)',
      {
        url: `${gatewayUrl}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      },
    ],
  ];
  // every code path warm before any measurement, so the first target pays no JIT tax
  for (const [, options] of targets)
    await autocannon({ connections, duration: WARMUP_SECONDS, ...options });
  const rows: Row[] = [];
  for (const [target, options] of targets) rows.push(await measure(topology, target, options));
  return rows;
}

async function startStack(
  topology: 'remote' | 'in-process',
): Promise<{ gatewayUrl: string; restUrl: string; stop(): Promise<void> }> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123',
    PUBLIC_BASE_URL: 'http://127.0.0.1:4100',
    LOG_LEVEL: 'warn',
    MYSQL_URL: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/reel_bench',
    REEL_NAMESPACE: 'bench',
    // autocannon is one client address sending thousands of requests a second
    RATE_LIMIT_IP_PER_MINUTE: String(1e9),
    GATEWAY_PORT: '4100',
    // every subgraph 100 above its default port, clear of a running `npm start`
    ...Object.fromEntries(
      subgraphManifest.map(({ name, port }) => [`${name.toUpperCase()}_PORT`, String(port + 100)]),
    ),
    REST_PORT: '8180',
    GATEWAY_SUBGRAPHS: topology,
    MEDIA_DIR: path.join(root, '.data', 'bench-media'),
    NO_COLOR: '1',
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the stack exited (${signal ?? code})`));
  // its log is not the bench's output; only "Reel is up" (after demo seeding) matters
  let up = false;
  child.stdout?.on('data', (chunk: Buffer) => (up ||= chunk.toString().includes('Reel is up')));
  const restUrl = 'http://127.0.0.1:8180';
  await pollUntil(
    async () => {
      if (!up) throw new Error('not up yet');
    },
    {
      what: `the ${topology} stack`,
      deadlineMs: 180_000,
      intervalMs: 500,
      abandonWhen: () => exited,
    },
  );
  return {
    gatewayUrl: 'http://127.0.0.1:4100',
    restUrl,
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([done, sleep(30_000)]);
    },
  };
}

function print(rows: Row[]): void {
  const cpu = cpus();
  console.log(
    `\nReel feed benchmark — ${cpu.length} cores (${cpu[0]?.model.trim()}), node ${process.version}, ${connections} connections, ${duration} s per target`,
  );
  console.log('the load generator runs on the same cores as the stack\n');
  const header = ['topology', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const lines = rows.map((row) => [
    row.topology,
    row.target,
    String(row.reqPerSec),
    String(row.p50),
    String(row.p99),
    String(row.errors),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => line[i]!.length)),
  );
  for (const line of [header, ...lines])
    console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}

async function main(): Promise<void> {
  const targetIndex = process.argv.indexOf('--target');
  if (targetIndex >= 0) {
    const [gatewayUrl, restUrl] = process.argv.slice(targetIndex + 1);
    if (!gatewayUrl || !restUrl)
      throw new Error('usage: npm run bench -- --target <gatewayUrl> <restUrl>');
    print(await benchTargets('running stack', gatewayUrl, restUrl));
    return;
  }
  const rows: Row[] = [];
  for (const topology of ['remote', 'in-process'] as const) {
    console.log(`bench: starting the stack, subgraphs ${topology}`);
    const stack = await startStack(topology);
    try {
      rows.push(...(await benchTargets(`subgraphs ${topology}`, stack.gatewayUrl, stack.restUrl)));
    } finally {
      await stack.stop();
    }
  }
  print(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
