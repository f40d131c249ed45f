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
}

export interface Supervised {
  spec: ChildSpec;
  pid: number | undefined;
  /** undefined while running */
  exit: ExitInfo | undefined;
  exited: Promise<ExitInfo>;
}

const EXIT_AFTER_KILL_MS = 5_000; // SIGKILL cannot be ignored; this only bounds a zombie wait

export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/**
 * Owns every process `npm start` launches. Each child gets a process group of its own, so a
 * terminal's Ctrl-C reaches only this process, which then stops each child exactly once
 * (the services treat a second signal as "exit now", skipping their graceful close).
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly onUnexpectedExit: (child: Supervised, exit: ExitInfo) => void) {
    // last resort when this process dies on an error path: no child outlives it
    process.on('exit', () => {
      for (const child of this.children) if (!child.exit) signalGroup(child, 'SIGTERM');
    });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  start(spec: ChildSpec): Supervised {
    const output = 'fd' in spec.output ? spec.output.fd : 'pipe';
    const childProcess: ChildProcess = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', output, output],
      detached: true,
    });
    let settle: (exit: ExitInfo) => void = () => undefined;
    const exited = new Promise<ExitInfo>((resolve) => (settle = resolve));
    const child: Supervised = { spec, pid: childProcess.pid, exit: undefined, exited };
    const finish = (exit: ExitInfo) => {
      if (child.exit) return;
      child.exit = exit;
      settle(exit);
      if (!this.stopping) this.onUnexpectedExit(child, exit);
    };
    childProcess.once('error', (error) => finish({ code: null, signal: null, error }));
    childProcess.once('close', (code, signal) => finish({ code, signal }));
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
    this.children.push(child);
    return child;
  }

  /** SIGTERM, wait up to each child's grace, then SIGKILL. Idempotent. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
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
