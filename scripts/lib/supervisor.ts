import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { withDeadline } from '@reel/common/service';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** set when the process could not be started at all */
  error?: Error;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** services stop first (newest first, so the gateway leaves before its subgraphs), then infra */
  role: 'service' | 'infra';
  /** how long SIGTERM gets before SIGKILL */
  stopGraceMs: number;
  /** line by line to a callback, or straight into a file descriptor (a log file) */
  output: { onLine(line: string, stream: 'stdout' | 'stderr'): void } | { fd: number };
  /** started again when it exits on its own; without one, its exit is final */
  restart?: RestartPolicy;
}

/** Restarts with a doubling delay; gives up at `maxCrashes` exits within `windowMs`. */
export interface RestartPolicy {
  maxCrashes: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export type ExitDecision =
  | { restart: true; delayMs: number; crashesInWindow: number }
  | {
      restart: false;
      reason: 'no restart policy' | 'could not start' | 'too many crashes';
      crashesInWindow: number;
    };

export interface Supervised {
  spec: ChildSpec;
  /** of its current process */
  pid: number | undefined;
  /** undefined while running or waiting to be restarted; set once it is over for good */
  exit: ExitInfo | undefined;
  /** settles with `exit` */
  exited: Promise<ExitInfo>;
  restarts: number;
}

export interface SupervisorEvents {
  /** A child exited on its own (not stopped by stopAll), and what happens next. */
  onExit(child: Supervised, exit: ExitInfo, decision: ExitDecision): void;
  onRestart?(child: Supervised): void;
}

const EXIT_AFTER_KILL_MS = 5_000; // SIGKILL cannot be ignored; this only bounds a zombie wait

export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** What follows an exit at `now`, given every earlier exit time of the same child. */
export function decideRestart(
  policy: RestartPolicy | undefined,
  exit: ExitInfo,
  exitTimes: readonly number[],
  now: number,
): ExitDecision {
  if (!policy) return { restart: false, reason: 'no restart policy', crashesInWindow: 1 };
  const crashesInWindow = exitTimes.filter((at) => now - at < policy.windowMs).length + 1;
  // a missing binary stays missing
  if (exit.error) return { restart: false, reason: 'could not start', crashesInWindow };
  if (crashesInWindow >= policy.maxCrashes)
    return { restart: false, reason: 'too many crashes', crashesInWindow };
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (crashesInWindow - 1));
  return { restart: true, delayMs, crashesInWindow };
}

/**
 * Owns every process `npm start` launches. Each child gets a process group of its own, so a
 * terminal's Ctrl-C reaches only this process, which then stops each child exactly once
 * (the services treat a second signal as "exit now", skipping their graceful close). A child
 * with a restart policy that exits on its own is started again, until it crashes too often.
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private readonly pendingRestarts = new Map<Supervised, () => void>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly events: SupervisorEvents,
    private readonly now: () => number = Date.now,
  ) {
    // last resort when this process dies on an error path: no child outlives it
    process.on('exit', () => {
      for (const child of this.children) if (!child.exit) signalGroup(child, 'SIGTERM');
    });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  start(spec: ChildSpec): Supervised {
    let settle: (exit: ExitInfo) => void = () => undefined;
    const exited = new Promise<ExitInfo>((resolve) => (settle = resolve));
    const child: Supervised = { spec, pid: undefined, exit: undefined, exited, restarts: 0 };
    const finish = (exit: ExitInfo) => {
      child.exit = exit;
      settle(exit);
    };
    const exitTimes: number[] = [];
    const launch = () =>
      this.launch(spec, child, (exit) => {
        if (this.stopping) return finish(exit);
        const now = this.now();
        const decision = decideRestart(spec.restart, exit, exitTimes, now);
        exitTimes.push(now);
        this.events.onExit(child, exit, decision);
        // onExit may have begun stopping everything
        if (!decision.restart || this.stopping) return finish(exit);
        const timer = setTimeout(() => {
          this.pendingRestarts.delete(child);
          child.restarts += 1;
          launch();
          this.events.onRestart?.(child);
        }, decision.delayMs);
        this.pendingRestarts.set(child, () => {
          clearTimeout(timer);
          finish(exit);
        });
      });
    launch();
    this.children.push(child);
    return child;
  }

  private launch(spec: ChildSpec, child: Supervised, onExit: (exit: ExitInfo) => void): void {
    const output = 'fd' in spec.output ? spec.output.fd : 'pipe';
    const childProcess: ChildProcess = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', output, output],
      detached: true,
    });
    child.pid = childProcess.pid;
    let over = false;
    const exit = (info: ExitInfo) => {
      if (over) return;
      over = true;
      onExit(info);
    };
    childProcess.once('error', (error) => exit({ code: null, signal: null, error }));
    childProcess.once('close', (code, signal) => exit({ code, signal }));
    if (!('fd' in spec.output)) {
      const { onLine } = spec.output;
      for (const stream of ['stdout', 'stderr'] as const) {
        const readable = childProcess[stream];
        if (readable)
          createInterface({ input: readable, crlfDelay: Infinity }).on('line', (line) =>
            onLine(line, stream),
          );
      }
    }
  }

  /** SIGTERM, wait up to each child's grace, then SIGKILL. Idempotent. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const cancel of this.pendingRestarts.values()) cancel();
      this.pendingRestarts.clear();
      const services = this.children.filter((c) => c.spec.role === 'service').reverse();
      for (const child of services) await stopChild(child);
      await Promise.all(this.children.filter((c) => c.spec.role === 'infra').map(stopChild));
    })();
    return this.stopping;
  }

  /** SIGKILL every process still running, without waiting: the impatient second Ctrl-C. */
  killAll(): void {
    for (const child of this.children) if (!child.exit) signalGroup(child, 'SIGKILL');
  }
}

async function stopChild(child: Supervised): Promise<void> {
  if (child.exit) return;
  signalGroup(child, 'SIGTERM');
  try {
    await withDeadline(child.exited, child.spec.stopGraceMs, 'grace period over');
  } catch {
    signalGroup(child, 'SIGKILL');
    await withDeadline(child.exited, EXIT_AFTER_KILL_MS, 'still there after SIGKILL').catch(
      () => undefined,
    );
  }
}

function signalGroup(child: Supervised, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already (ESRCH): nothing left to stop
  }
}
