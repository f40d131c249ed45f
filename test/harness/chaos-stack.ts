import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, subgraphManifest } from '@reel/common';
import { migrateAll } from '@reel/testkit';
import { pollUntil } from '../../scripts/lib/deadline';
import { type ServiceSpec, stackServices } from '../../scripts/lib/services';
import {
  describeExit,
  type ExitInfo,
  type Supervised,
  Supervisor,
} from '../../scripts/lib/supervisor';
import type { PrivateInfra } from './private-infra';
import { freePort } from './stack';

const repoRoot = path.resolve(__dirname, '..', '..');
const READY_DEADLINE_MS = 90_000; // tsx compiles each service as it starts, on a machine others share
const READY_PROBE_TIMEOUT_MS = 2_000;
const STOP_GRACE_MS = 30_000; // in-flight requests get 10 s (packages/common/src/service.ts)

/** An exit of a service process nobody asked for: a crash. */
export interface UnexpectedExit {
  service: string;
  exit: string;
}

export interface ChaosStack {
  gatewayUrl: string;
  restUrl: string;
  mysqlUrl: string;
  namespace: string;
  /** Where each service's log goes: `<dir>/<service>.log`. */
  logDir: string;
  /** SIGKILLs one service's process group and resolves once it is gone. */
  kill(service: string): Promise<void>;
  /** Starts a killed service again on its port; resolves once its /readyz answers 200. */
  restart(service: string): Promise<void>;
  /** Exits no one caused, so far. */
  unexpectedExits(): UnexpectedExit[];
  /**
   * SIGTERM to every service, newest first; resolves with the exits that were not code 0.
   * Idempotent.
   */
  close(): Promise<UnexpectedExit[]>;
}

/**
 * The stack as `npm start` runs it, one `node --import tsx` process per service
 * (scripts/lib/services.ts), on the private servers of a chaos run, with a database and
 * namespace of its own.
 */
export async function startChaosStack(
  infra: PrivateInfra,
  env: Record<string, string> = {},
): Promise<ChaosStack> {
  const namespace = `chaos${Date.now().toString(36)}`;
  const mysqlUrl = `${infra.mysql.url}reel_${namespace}`;
  await migrateAll(mysqlUrl);
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'reel-chaos-media-'));
  const logDir = mkdtempSync(path.join(tmpdir(), 'reel-chaos-logs-'));
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const gatewayPort = await freePort();
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    MYSQL_URL: mysqlUrl,
    REDIS_URL: infra.redis.url,
    NATS_URL: infra.nats.url,
    REEL_NAMESPACE: namespace,
    MEDIA_DIR: mediaDir,
    // a process per service: a phase SIGKILLs one subgraph and leaves the others running
    REEL_TOPOLOGY: 'services',
    GATEWAY_SUBGRAPHS: 'remote',
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_URL: local(gatewayPort),
    PUBLIC_BASE_URL: local(gatewayPort),
    REST_PORT: String(await freePort()),
    ...env,
  };
  for (const { name } of subgraphManifest) {
    const port = await freePort();
    processEnv[`${name.toUpperCase()}_PORT`] = String(port);
    processEnv[`${name.toUpperCase()}_URL`] = local(port);
  }
  const specs = stackServices(parseConfig(processEnv));

  const killedOnPurpose = new Set<number>();
  const unexpected: UnexpectedExit[] = [];
  const supervisor = new Supervisor({
    onExit: (child, exit) => {
      if (child.pid === undefined || !killedOnPurpose.has(child.pid))
        unexpected.push({ service: child.spec.name, exit: describeExit(exit) });
    },
  });
  const running = new Map<string, Supervised>();
  const logFds: number[] = [];

  const start = async (spec: ServiceSpec) => {
    const logFd = openSync(path.join(logDir, `${spec.name}.log`), 'a');
    logFds.push(logFd);
    const child = supervisor.start({
      name: spec.name,
      command: process.execPath,
      args: ['--import', 'tsx', path.join(repoRoot, spec.main)],
      cwd: repoRoot,
      env: processEnv,
      role: 'service',
      stopGraceMs: STOP_GRACE_MS,
      output: { fd: logFd },
    });
    running.set(spec.name, child);
    await pollUntil(
      async () => {
        const response = await fetch(`${local(spec.port)}/readyz`, {
          signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      },
      {
        what: `${spec.name} to be ready at ${local(spec.port)}/readyz`,
        deadlineMs: READY_DEADLINE_MS,
        intervalMs: 250,
        abandonWhen: () =>
          child.exit && `${spec.name} ${describeExit(child.exit)}; see ${logDir}/${spec.name}.log`,
      },
    );
  };
  const specOf = (service: string) => {
    const spec = specs.find((s) => s.name === service);
    if (!spec) throw new Error(`no service "${service}" in the stack`);
    return spec;
  };

  let closing: Promise<UnexpectedExit[]> | undefined;
  const close = () => (closing ??= stopAll());
  const stopAll = async () => {
    await supervisor.stopAll();
    for (const fd of logFds) closeSync(fd);
    rmSync(mediaDir, { recursive: true, force: true });
    const exits = await Promise.all(
      [...running.values()].map(async (child) => ({ child, exit: await child.exited })),
    );
    return exits
      .filter(({ exit }) => !isCleanExit(exit))
      .map(({ child, exit }) => ({ service: child.spec.name, exit: describeExit(exit) }));
  };

  try {
    // all at once: the gateway's /readyz waits for its subgraphs, compat-rest's for the gateway
    await Promise.all(specs.map(start));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    gatewayUrl: local(gatewayPort),
    restUrl: local(Number(processEnv.REST_PORT)),
    mysqlUrl,
    namespace,
    logDir,
    async kill(service) {
      const child = running.get(service);
      if (!child?.pid || child.exit) throw new Error(`${service} is not running`);
      killedOnPurpose.add(child.pid);
      process.kill(-child.pid, 'SIGKILL');
      await child.exited;
    },
    restart: (service) => start(specOf(service)),
    unexpectedExits: () => [...unexpected],
    close,
  };
}

function isCleanExit(exit: ExitInfo): boolean {
  return exit.code === 0 && !exit.error;
}
