/**
 * `npm start`: the whole stack on one machine. MySQL, Redis and NATS are used where the
 * configuration points; one that does not answer on this machine is started from its installed
 * binary as a child with data under `.data/` (or, when not installed, this stops with the command
 * that installs it). Then: database and migrations, every service in dependency order (each waits
 * for the previous one's /readyz), demo content, the URLs. Ctrl-C or SIGTERM stops every child.
 * A service that exits on its own is restarted with backoff; repeated exits stop everything.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { loadConfig } from '@reel/common/env';
import { ensureDatabase, migrateSubgraph } from '@reel/common/mysql';
import { describeError, pollUntil } from './lib/deadline';
import { installAdvice, type LocalServerPlan, planLocalServer } from './lib/local-infra';
import { colorWanted, createPaint, createPrefixer, formatLogLine } from './lib/log-format';
import { answers, type InfraTarget, infraTargets, isLocalHost, probe, redact } from './lib/probe';
import { builtEntry, ensureServerBuilt } from './lib/build';
import { seedDemoContent } from './lib/seed-demo-content';
import { type ServiceSpec, stackServices, stackSubgraphs } from './lib/services';
import { ensureWebClientBuilt, webClientIndex } from './lib/web-client';
import {
  describeExit,
  type ExitDecision,
  type ExitInfo,
  type RestartPolicy,
  type Supervised,
  Supervisor,
} from './lib/supervisor';

const PROBE_TIMEOUT_MS = 2_000; // per attempt; a healthy local server answers in a few ms
const INFRA_START_DEADLINE_MS = 30_000; // MariaDB's first start creates InnoDB files
const BUSY_SERVER_DEADLINE_MS = 10_000; // a server that accepts TCP but does not answer yet
const SERVICE_READY_DEADLINE_MS = 60_000; // the gateway loads the supergraph; every worker builds every subgraph
const SERVICE_STOP_GRACE_MS = 15_000; // services give in-flight requests 10 s (httpLimits.shutdownGraceMs)
// A service that exits on its own is started again after 1 s, 2 s, 4 s, 8 s; the fifth exit
// within a minute means it cannot run (a bad migration, a port taken): then everything stops.
const SERVICE_RESTART: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 60_000,
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
};
const POLL_INTERVAL_MS = 250;
const REPEATED_SIGNAL_MS = 1_000; // npm and tsx relay the terminal's Ctrl-C: one keypress can arrive twice
const LOG_TAIL_LINES = 20;
// a feed request allocates megabytes of short-lived objects (plans, results, rows); V8's default
// 16 MiB semi-space makes scavenges ~30% of the gateway's CPU under load (issue 11's profile)
const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64'; // MiB
// a full collection once a process goes idle after load (packages/common/src/idle-gc.ts)
const EXPOSE_GC_FLAG = '--expose-gc';

const root = path.resolve(__dirname, '..');
const dataRoot = path.join(root, '.data');
const logDir = path.join(dataRoot, 'logs');

const config = loadConfig();
const services = stackServices(config);
const paint = createPaint(colorWanted(process.env, process.stdout));
const prefix = createPrefixer(
  ['start', 'mysql', 'redis', 'nats', ...stackServices(config).map((s) => s.name)],
  paint,
);
const infraLogs = new Map<string, string>();

function say(line: string, name = 'start'): void {
  for (const part of line.split('\n')) process.stdout.write(`${prefix(name)} ${part}\n`);
}

let stackUp = false;
const supervisor = new Supervisor({
  onExit(child, exit, decision) {
    const name = child.spec.name;
    if (decision.restart && stackUp) {
      say(paint('yellow', `${name} ${describeExit(exit)}; ${restartPlan(decision)}`));
      return;
    }
    say(paint('red', `${name} ${describeExit(exit)}${whyStopping(exit, decision)}`));
    const log = infraLogs.get(name);
    if (log) say(logTail(log));
    void shutdown(1);
  },
  onRestart(child) {
    say(`restarted ${child.spec.name} (pid ${child.pid ?? '?'})`);
  },
});

function restartPlan(decision: Extract<ExitDecision, { restart: true }>): string {
  const { maxCrashes, windowMs } = SERVICE_RESTART;
  return `restarting it in ${decision.delayMs / 1000} s (exit ${decision.crashesInWindow} of ${maxCrashes} within ${windowMs / 1000} s before npm start gives up)`;
}

function whyStopping(exit: ExitInfo, decision: ExitDecision): string {
  if (decision.restart) return ' while starting; stopping everything';
  if (decision.reason === 'too many crashes')
    return `: ${decision.crashesInWindow} exits within ${SERVICE_RESTART.windowMs / 1000} s, so npm start gives up; stopping everything`;
  return exit.error ? '; stopping everything' : ' unexpectedly; stopping everything';
}

let stopped: Promise<never> | undefined;
function shutdown(exitCode: number): Promise<never> {
  stopped ??= supervisor.stopAll().then(() => {
    say(exitCode === 0 ? 'stopped' : paint('red', 'stopped after a failure'));
    process.exit(exitCode);
  });
  return stopped;
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!supervisor.isStopping) {
      firstSignalAt = Date.now();
      say(`${signal}: stopping every process (again to kill them at once)`);
      void shutdown(0);
    } else if (Date.now() - firstSignalAt > REPEATED_SIGNAL_MS) {
      say(paint('red', `${signal} again: killing every process`));
      supervisor.killAll();
      process.exit(130);
    }
  });
}

async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  await ensureInfra();
  if (!existsSync(webClientIndex)) {
    say('building the web client (apps/web/dist is missing)');
    ensureWebClientBuilt();
  }
  const rebuiltBecause = await ensureServerBuilt();
  if (rebuiltBecause) say(`built the server into dist/ (${rebuiltBecause})`);

  await ensureDatabase(config.mysql.url);
  for (const subgraph of stackSubgraphs(config)) await migrate(subgraph);
  mkdirSync(path.resolve(root, config.media.dir), { recursive: true });

  // the Douyin app's door (compat-rest) opens only once the demo content is there, so the first
  // feed a newcomer opens is never empty; seeding goes through the gateway, which is up by then.
  // The single topology opens both doors at once: the seed follows within a second or two.
  const restDoor = services.filter((s) => s.name === 'compat-rest');
  for (const service of services.filter((s) => !restDoor.includes(s))) await startService(service);
  const gatewayUrl = `http://${localHost()}:${config.gateway.port}`;
  await seedDemoContent({ gatewayUrl, say });
  for (const service of restDoor) await startService(service);
  stackUp = true;
  printUrls();
}

async function ensureInfra(): Promise<void> {
  const targets = infraTargets({
    mysql: config.mysql.url,
    redis: config.redis.url,
    nats: config.nats.url,
  });
  const results = await Promise.all(
    targets.map(async (target) => ({ target, result: await probe(target, PROBE_TIMEOUT_MS) })),
  );
  const down: InfraTarget[] = [];
  for (const { target, result } of results) {
    const where = `${target.label} at ${redact(target.url)}`;
    if (result.ok) {
      say(`${where} answers`);
    } else if (result.stage === 'ping') {
      say(`${where} accepts connections but does not answer yet (${result.reason}); waiting`);
      await pollUntil(() => answers(target, PROBE_TIMEOUT_MS), {
        what: `${where} to answer (check ${target.envVar})`,
        deadlineMs: BUSY_SERVER_DEADLINE_MS,
        intervalMs: POLL_INTERVAL_MS,
      });
    } else if (!isLocalHost(target.host)) {
      throw new Error(
        `${where} is not reachable (${result.reason}); start it, or point ${target.envVar} at a server that runs`,
      );
    } else {
      down.push(target);
    }
  }
  const plans = down.map((target) => ({ target, plan: planLocalServer(target, dataRoot) }));
  const missing = plans.filter((p) => !p.plan).map((p) => p.target);
  if (missing.length > 0) {
    const names = missing.map((t) => `${t.label} (${redact(t.url)})`).join(', ');
    throw new Error(
      [`not running and not installed here: ${names}`, ...installAdvice(missing)].join('\n'),
    );
  }
  await Promise.all(plans.map(({ plan }) => (plan ? startLocalServer(plan) : undefined)));
}

async function startLocalServer(plan: LocalServerPlan): Promise<void> {
  const { target } = plan;
  const logPath = path.join(logDir, `${target.name}.log`);
  infraLogs.set(target.name, logPath);
  const logFd = openSync(logPath, 'a');
  let child: Supervised;
  try {
    plan.prepare(logFd);
    say(
      `not running at ${target.host}:${target.port}; starting ${plan.binary} (data ${rel(plan.dataDir)}, log ${rel(logPath)})`,
      target.name,
    );
    child = supervisor.start({
      name: target.name,
      command: plan.binary,
      args: plan.args,
      cwd: root,
      role: 'infra',
      stopGraceMs: plan.stopGraceMs,
      output: { fd: logFd },
    });
  } catch (error) {
    throw new Error(`${target.label}: ${describeError(error)}\n${logTail(logPath)}`);
  } finally {
    closeSync(logFd); // the child holds its own copy
  }
  try {
    await pollUntil(() => answers(target, PROBE_TIMEOUT_MS), {
      what: `${target.label} to answer at ${target.host}:${target.port}`,
      deadlineMs: INFRA_START_DEADLINE_MS,
      intervalMs: POLL_INTERVAL_MS,
      abandonWhen: () => child.exit && `${path.basename(plan.binary)} ${describeExit(child.exit)}`,
    });
  } catch (error) {
    throw new Error(`${describeError(error)}\n${logTail(logPath)}`);
  }
  say(`answers at ${redact(target.url)}`, target.name);
}

async function migrate(service: ServiceSpec): Promise<void> {
  if (!service.migrationsFolder) return;
  await migrateSubgraph(config.mysql.url, service.name, service.migrationsFolder);
  say(`migrated ${service.name} (${rel(service.migrationsFolder)})`);
}

async function startService(service: ServiceSpec): Promise<void> {
  for (const port of [service, ...(service.alsoListensOn ?? [])]) await assertPortFree(port);
  const child = supervisor.start({
    name: service.name,
    command: process.execPath,
    // compiled JS; the single topology's workers inherit these flags
    args: [
      YOUNG_GENERATION_FLAG,
      EXPOSE_GC_FLAG,
      '--enable-source-maps',
      builtEntry(service.build),
    ],
    cwd: root,
    role: 'service',
    stopGraceMs: SERVICE_STOP_GRACE_MS,
    restart: SERVICE_RESTART,
    output: { onLine: (line) => say(formatLogLine(line, paint).join('\n'), service.name) },
  });
  const readyz = `http://${localHost()}:${service.port}/readyz`;
  await pollUntil(() => ready(readyz), {
    what: `${service.name} to be ready at ${readyz}`,
    deadlineMs: SERVICE_READY_DEADLINE_MS,
    intervalMs: POLL_INTERVAL_MS,
    abandonWhen: () => child.exit && `${service.name} ${describeExit(child.exit)}`,
  });
  say(`${service.name} is ready (${readyz})`);
}

async function ready(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${response.status} ${(await response.text()).slice(0, 300)}`);
}

/** Before spawning: "port taken" here reads better than a child's EADDRINUSE stack. */
function assertPortFree(service: { port: number; portVar: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const taken = error.code === 'EADDRINUSE';
      reject(
        new Error(
          taken
            ? `port ${service.port} (${service.portVar}) is in use: is another \`npm start\` running? Stop it or set ${service.portVar}`
            : `cannot listen on ${config.host}:${service.port} (${service.portVar}): ${error.message}`,
        ),
      );
    });
    server.listen(service.port, config.host, () => server.close(() => resolve()));
  });
}

function printUrls(): void {
  const base = (port: number) => `http://localhost:${port}`;
  const row = (label: string, value: string) => `  ${label.padEnd(26)}${value}`;
  const health = (port: number) => `${base(port)}/healthz  ${base(port)}/readyz`;
  const started = [...infraLogs.keys()];
  const lines = [
    paint('green', 'Reel is up.'),
    row('Web client', `${base(config.gateway.port)}/`),
    row('GraphQL + Apollo Sandbox', `${base(config.gateway.port)}/graphql`),
    row('Douyin REST', `${base(config.rest.port)}/douyin/feed/`),
    row('Health (alive, ready)', ''),
    ...services.flatMap((s) => [
      row(`  ${s.name}`, health(s.port)),
      ...(s.alsoListensOn ?? []).map((also) => row('', health(also.port))),
    ]),
    ...(started.length > 0
      ? [row('Started here', `${started.join(', ')} (data and logs in ${rel(dataRoot)}/)`)]
      : []),
    'Press Ctrl-C to stop everything.',
  ];
  say(lines.join('\n'));
}

function localHost(): string {
  if (['0.0.0.0', '::', ''].includes(config.host)) return '127.0.0.1';
  return config.host.includes(':') ? `[${config.host}]` : config.host;
}

function logTail(logPath: string): string {
  if (!existsSync(logPath)) return `(no log at ${rel(logPath)})`;
  const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES);
  return [`last lines of ${rel(logPath)}:`, ...lines.map((l) => `  ${l}`)].join('\n');
}

function rel(p: string): string {
  return path.relative(process.cwd(), p) || '.';
}

main().catch((error: unknown) => {
  if (supervisor.isStopping) return; // a signal or a crashed child is already stopping everything
  say(paint('red', `cannot start: ${describeError(error)}`));
  void shutdown(1);
});
