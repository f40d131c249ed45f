/**
 * The stack `npm run bench` and `npm run load-baseline` measure: scripts/start.ts as a child in
 * production mode, on ports and a Redis/NATS namespace of the caller's, against a database of
 * its own (start.ts creates and migrates it, then seeds the demo content through the gateway).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { subgraphManifest } from '@reel/common/manifest';
import { pollUntil, sleep } from '../scripts/lib/deadline';

const root = path.resolve(__dirname, '..');

export interface BenchStackOptions {
  /** single: `npm start`'s default, every service in one process as workers; remote, in-process: a process per service, the gateway calling its subgraphs over HTTP or in its own process */
  topology: 'single' | 'remote' | 'in-process';
  mysqlUrl: string;
  namespace: string; // apart from another run's streams and keys
  gatewayPort: number;
  restPort: number;
  subgraphPortOffset: number; // added to each subgraph's default port, clear of a running `npm start`
  mediaDir: string; // under .data/
}

/** The env of every bench process: production mode, bench-only secrets, no per-address limit. */
export function benchEnv(mysqlUrl: string, namespace: string, gatewayPort: number) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123',
    SUBGRAPH_SECRET: 'bench-only-subgraph-secret-0123456789abc',
    PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    LOG_LEVEL: 'warn',
    MYSQL_URL: mysqlUrl,
    REEL_NAMESPACE: namespace,
    // autocannon is one client address sending thousands of requests a second
    RATE_LIMIT_IP_PER_MINUTE: String(1e9),
    NO_COLOR: '1',
  };
}

export interface BenchStack {
  gatewayUrl: string;
  restUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const { topology, gatewayPort, restPort } = options;
  const env = {
    ...benchEnv(options.mysqlUrl, options.namespace, gatewayPort),
    GATEWAY_PORT: String(gatewayPort),
    ...Object.fromEntries(
      subgraphManifest.map(({ name, port }) => [
        `${name.toUpperCase()}_PORT`,
        String(port + options.subgraphPortOffset),
      ]),
    ),
    REST_PORT: String(restPort),
    ...(topology === 'single'
      ? { REEL_TOPOLOGY: 'single' }
      : { REEL_TOPOLOGY: 'services', GATEWAY_SUBGRAPHS: topology }),
    MEDIA_DIR: path.join(root, '.data', options.mediaDir),
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
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    restUrl: `http://127.0.0.1:${restPort}`,
    pid: child.pid!,
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([done, sleep(30_000)]);
    },
  };
}
