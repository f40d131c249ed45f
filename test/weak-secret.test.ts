import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { withDeadline } from '@reel/common';
import { freePort } from './harness';

const repoRoot = path.resolve(__dirname, '..');
const gatewayMain = path.join(repoRoot, 'apps/gateway/src/main.ts');
// a hang detector, not a latency budget: tsx compiles the gateway first on a shared machine
const EXIT_DEADLINE_MS = 60_000;
const PROBE_INTERVAL_MS = 25;

interface Refusal {
  code: number | null;
  stderr: string;
  /** Connections the gateway's port accepted while the process ran. */
  accepted: number;
  /** From spawn to exit (tsx's compile included), for the log, never asserted. */
  ms: number;
}

/** Starts the real gateway process with `env` and watches its port until it exits. */
async function startGateway(env: Record<string, string | undefined>): Promise<Refusal> {
  const port = await freePort();
  const inherited = { ...process.env };
  // only what each case sets, whatever the developer's shell holds
  for (const name of ['JWT_SECRET', 'SUBGRAPH_SECRET', 'PUBLIC_BASE_URL', 'NODE_ENV'])
    delete inherited[name];
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', gatewayMain], {
    cwd: repoRoot,
    env: { ...inherited, GATEWAY_PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  let running = true;
  let accepted = 0;
  const probing = (async () => {
    while (running) {
      accepted += await new Promise<number>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(1)));
        socket.once('error', () => resolve(0));
      });
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  })();
  try {
    const code = await withDeadline(
      exited,
      EXIT_DEADLINE_MS,
      `the gateway did not exit in ${EXIT_DEADLINE_MS} ms:\n${stderr}`,
    );
    return { code, stderr, accepted, ms: Date.now() - started };
  } finally {
    running = false;
    await probing;
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const strong = (letter: string) => letter.repeat(32);

describe('RELIABILITY row 11: a weak or missing JWT_SECRET stops the gateway before it listens', () => {
  it.each([
    ['a 16-byte JWT_SECRET, in development', { JWT_SECRET: 'k'.repeat(16) }, ['JWT_SECRET']],
    [
      'JWT_SECRET unset, in production',
      {
        NODE_ENV: 'production',
        SUBGRAPH_SECRET: strong('s'),
        PUBLIC_BASE_URL: 'https://reel.example',
      },
      ['JWT_SECRET'],
    ],
    [
      'a 16-byte JWT_SECRET among other mistakes, in production: every one is named',
      { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(16), SUBGRAPH_SECRET: 'short' },
      ['JWT_SECRET', 'PUBLIC_BASE_URL', 'SUBGRAPH_SECRET'],
    ],
  ])('%s: exits 1 naming each invalid variable', async (_case, env, invalid) => {
    const refusal = await startGateway(env);
    console.log(`gateway refused to start in ${refusal.ms} ms (tsx compile included)`);
    expect({ code: refusal.code, accepted: refusal.accepted }).toEqual({ code: 1, accepted: 0 });
    const named = [...refusal.stderr.matchAll(/^ {2}- ([A-Z_]+):/gm)].map((match) => match[1]);
    expect(named.sort()).toEqual(invalid);
    expect(refusal.stderr).toMatch(/^invalid configuration:/m);
    // the secret itself is never printed
    expect(refusal.stderr).not.toContain('k'.repeat(16));
  });
});
