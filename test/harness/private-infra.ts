import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pollUntil } from '../../scripts/lib/deadline';
import { planLocalServer, type LocalServerPlan } from '../../scripts/lib/local-infra';
import { answers, infraTargets, type InfraName } from '../../scripts/lib/probe';
import { freePort } from './stack';

const ANSWER_DEADLINE_MS = 60_000; // mariadbd's first start on a loaded machine: crash recovery, InnoDB
const PROBE_TIMEOUT_MS = 1_000;

/** One server of our own: SIGKILLed and started again on the same port and data directory. */
export interface PrivateServer {
  name: InfraName;
  url: string;
  /** Whether its process runs now. */
  readonly running: boolean;
  /** SIGKILL, as a crash or the OOM killer would: no shutdown, no flush; resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on its data; resolves once it answers a real ping. */
  start(): Promise<void>;
}

export interface PrivateInfra {
  mysql: PrivateServer;
  redis: PrivateServer;
  nats: PrivateServer;
  /** Where the servers keep data and logs (`logs/<name>.log`). */
  root: string;
  /** Stops every server and deletes their data. */
  close(): Promise<void>;
}

/**
 * MariaDB, Redis and NATS JetStream of our own, on free ports, with data in a temporary
 * directory: the machine's shared servers must never be killed, these may be. Planned as
 * `npm start` plans a missing server (scripts/lib/local-infra.ts).
 */
export async function startPrivateInfra(): Promise<PrivateInfra> {
  const root = mkdtempSync(path.join(tmpdir(), 'reel-chaos-'));
  const [mysqlPort, redisPort, natsPort] = [await freePort(), await freePort(), await freePort()];
  const targets = infraTargets({
    mysql: `mysql://root@127.0.0.1:${mysqlPort}/`,
    redis: `redis://127.0.0.1:${redisPort}`,
    nats: `nats://127.0.0.1:${natsPort}`,
  });
  const servers = targets.map((target) => {
    const plan = planLocalServer(target, root);
    if (!plan) throw new Error(`no ${target.label} server binary is installed`);
    return new LocalServer(plan, root);
  });
  const close = async () => {
    await Promise.all(servers.map((server) => server.kill()));
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', () => {
    for (const server of servers) server.killNow();
  });
  try {
    await Promise.all(servers.map((server) => server.start()));
  } catch (error) {
    await close();
    throw error;
  }
  const [mysql, redis, nats] = servers as [LocalServer, LocalServer, LocalServer];
  return { mysql, redis, nats, root, close };
}

class LocalServer implements PrivateServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private prepared = false;

  constructor(
    private readonly plan: LocalServerPlan,
    private readonly root: string,
  ) {}

  get name(): InfraName {
    return this.plan.target.name;
  }

  get url(): string {
    return this.plan.target.url;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.name} already runs`);
    const logFd = openSync(path.join(this.root, `${this.name}.log`), 'a');
    try {
      if (!this.prepared) this.plan.prepare(logFd);
      this.prepared = true;
      const child = spawn(this.plan.binary, this.plan.args, { stdio: ['ignore', logFd, logFd] });
      this.child = child;
      this.exited = new Promise((resolve) =>
        child.once('exit', () => {
          if (this.child === child) this.child = undefined;
          resolve();
        }),
      );
    } finally {
      closeSync(logFd);
    }
    await pollUntil(() => answers(this.plan.target, PROBE_TIMEOUT_MS), {
      what: `${this.plan.target.label} on ${this.url}`,
      deadlineMs: ANSWER_DEADLINE_MS,
      intervalMs: 100,
      abandonWhen: () =>
        this.child ? undefined : `it exited; see ${path.join(this.root, `${this.name}.log`)}`,
    });
  }

  async kill(): Promise<void> {
    this.killNow();
    await this.exited;
  }

  killNow(): void {
    this.child?.kill('SIGKILL');
  }
}
