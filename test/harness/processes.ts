import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { parseConfig, subgraphManifest } from '@reel/common';
import { eventually } from '@reel/testkit';
import { pollUntil } from '../../scripts/lib/deadline';
import { type ServiceSpec, stackServices } from '../../scripts/lib/services';
import {
  describeExit,
  type ExitInfo,
  type Supervised,
  Supervisor,
} from '../../scripts/lib/supervisor';
import { builtEntry } from '../../scripts/lib/build';
import { freePort, stackBase, type Topology } from './stack';

const repoRoot = path.resolve(__dirname, '..', '..');
const READY_DEADLINE_MS = 90_000; // tsx compiles each service as it starts, on a machine others share
const READY_PROBE_TIMEOUT_MS = 2_000;
const STOP_GRACE_MS = 30_000; // in-flight requests get 10 s (packages/common/src/service.ts), then sockets are cut
const OUTPUT_LINES = 30;

/** One service running as a process of its own. */
export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  /** Its exit code or signal, once it and its output streams are done. */
  exited: Promise<ExitInfo>;
  /** SIGTERM to the process itself, as a container runtime stops it. */
  terminate(): void;
  /** What still runs of its process group (it, or a process it started): pid and command. */
  processesLeft(): string[];
  /** Whether it takes TCP connections (a stopping server refuses them). */
  acceptsConnections(): Promise<boolean>;
  /** The last lines it printed, for failure messages. */
  output(): string;
}

export interface ProcessStack {
  /** The process serving GraphQL: the gateway, or the single topology's one process. */
  gateway: ServiceProcess;
  restUrl: string;
  mediaDir: string;
  /** Another gateway process on a port of its own, ready, in front of this stack's subgraphs. */
  startGateway(): Promise<ServiceProcess>;
  /**
   * SIGTERM to every process still running, newest first, as `npm start` stops them; fails
   * unless every process of the stack exited 0 and left no process behind.
   */
  close(): Promise<void>;
}

export interface ProcessStackOptions {
  /** services (default): a process per service; single: one process of `workers` workers. */
  topology?: Topology;
  workers?: number;
  /**
   * Run the compiled bundles found in this directory (scripts/lib/build.ts), as `npm start`
   * does; by default the sources run through tsx, which needs no build.
   */
  builtIn?: string;
}

/**
 * The stack the way `npm start` runs it (the list and order of scripts/lib/services.ts): in the
 * services topology every subgraph of the manifest, the gateway in front of them over HTTP and
 * compat-rest, each a process on a free port; in the single one, one process whose workers run
 * them all. On a database and namespace of the stack's own; resolves once every /readyz answers.
 */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  const topology = options.topology ?? 'services';
  const base = await stackBase({
    GATEWAY_SUBGRAPHS: 'remote',
    REEL_TOPOLOGY: topology,
    REEL_WORKERS: String(options.workers ?? 2),
  });
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const gatewayPort = await freePort();
  // every address set here, so none comes from the developer's own environment
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...base.env,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_URL: local(gatewayPort),
    PUBLIC_BASE_URL: local(gatewayPort),
    REST_PORT: String(await freePort()),
  };
  for (const { name } of subgraphManifest) {
    const port = await freePort();
    env[`${name.toUpperCase()}_PORT`] = String(port);
    env[`${name.toUpperCase()}_URL`] = local(port);
  }
  const config = parseConfig(env);

  const supervisor = new Supervisor({ onExit: () => undefined }); // the tests watch every exit themselves
  const started: { child: Supervised; service: ServiceProcess }[] = [];
  const start = (spec: ServiceSpec, overrides: NodeJS.ProcessEnv = {}) => {
    const lines: string[] = [];
    const child = supervisor.start({
      name: spec.name,
      command: process.execPath,
      args: options.builtIn
        ? ['--enable-source-maps', builtEntry(spec.build, options.builtIn)]
        : ['--import', 'tsx', path.join(repoRoot, spec.main)],
      cwd: repoRoot,
      env: { ...env, ...overrides },
      role: 'service',
      stopGraceMs: STOP_GRACE_MS,
      output: {
        onLine: (line) => {
          lines.push(line);
          if (lines.length > OUTPUT_LINES) lines.shift();
        },
      },
    });
    if (child.pid === undefined) throw new Error(`${spec.name} did not start`);
    const pid = child.pid;
    const service: ServiceProcess = {
      name: spec.name,
      pid,
      url: local(spec.port),
      exited: child.exited,
      terminate: () => process.kill(pid, 'SIGTERM'),
      processesLeft: () => liveProcessesOf(pid),
      acceptsConnections: () => acceptsConnections(spec.port),
      output: () => lines.join('\n'),
    };
    started.push({ child, service });
    return service;
  };
  const childOf = (service: ServiceProcess) => started.find((s) => s.service === service)!.child;
  const ready = (service: ServiceProcess) => waitReady(service, () => childOf(service).exit);

  const close = async () => {
    await supervisor.stopAll();
    rmSync(base.mediaDir, { recursive: true, force: true });
    const exits = started.map(({ child: { exit }, service }) => [service.name, exit] as const);
    expect(exits).toEqual(started.map(({ service }) => [service.name, { code: 0, signal: null }]));
    await eventually(() =>
      expect(started.flatMap(({ service }) => service.processesLeft())).toEqual([]),
    );
  };

  try {
    const services = stackServices(config).map((spec) => start(spec));
    await Promise.all(services.map(ready));
    const gatewaySpec = stackServices(config).find((s) => s.port === config.gateway.port)!;
    return {
      gateway: services.find((service) => service.name === gatewaySpec.name)!,
      restUrl: local(config.rest.port),
      mediaDir: base.mediaDir,
      async startGateway() {
        const port = await freePort();
        // the single topology's process opens the REST door too: on a port of its own
        const restPort = gatewaySpec.alsoListensOn ? String(await freePort()) : env.REST_PORT;
        const gateway = start(
          { ...gatewaySpec, port },
          { GATEWAY_PORT: String(port), GATEWAY_URL: local(port), REST_PORT: restPort },
        );
        await ready(gateway);
        return gateway;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function waitReady(service: ServiceProcess, exit: () => ExitInfo | undefined) {
  try {
    await pollUntil(
      async () => {
        const response = await fetch(`${service.url}/readyz`, {
          signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      },
      {
        what: `${service.name} to be ready at ${service.url}/readyz`,
        deadlineMs: READY_DEADLINE_MS,
        intervalMs: 250,
        abandonWhen: () => {
          const exited = exit();
          return exited && `${service.name} ${describeExit(exited)}`;
        },
      },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${service.output()}`);
  }
}

/**
 * The live processes of a process group, as "pid command". A process it started may take a
 * moment to notice its parent is gone (tsx's esbuild service), and zombies are already dead,
 * waiting for init to reap them: callers wait with `eventually`.
 */
function liveProcessesOf(pgid: number): string[] {
  if (!existsSync('/proc')) return groupAlive(pgid) ? [`process group ${pgid}`] : [];
  const left: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp …", and comm may hold spaces or parentheses
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') left.push(`${pid} ${command}`);
  }
  return left;
}

/** Signal 0 to the group: ESRCH once no process of it is left. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(false) : reject(error),
    );
  });
}
