import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withDeadline } from '@reel/common/service';
import {
  type ChildSpec,
  decideRestart,
  type ExitDecision,
  type RestartPolicy,
  type Supervised,
  Supervisor,
} from './supervisor';

const WAIT_MS = 20_000; // node starts in well under a second; only a hang reaches this
const quick: RestartPolicy = { maxCrashes: 3, windowMs: 60_000, firstDelayMs: 10, maxDelayMs: 15 };

function nodeChild(script: string, restart?: RestartPolicy): ChildSpec {
  return {
    name: 'child',
    command: process.execPath,
    args: ['-e', script],
    cwd: process.cwd(),
    role: 'service',
    stopGraceMs: WAIT_MS,
    output: { onLine: () => undefined },
    restart,
  };
}

/** A supervisor that records what it decided, and reports each exit and restart. */
function recordingSupervisor() {
  const decisions: ExitDecision[] = [];
  let exited: () => void = () => undefined;
  let restarted: (child: Supervised) => void = () => undefined;
  const supervisor = new Supervisor({
    onExit: (_child, _exit, decision) => {
      decisions.push(decision);
      exited();
    },
    onRestart: (child) => restarted(child),
  });
  const nextExit = () =>
    withDeadline(new Promise<void>((resolve) => (exited = resolve)), WAIT_MS, 'no exit came');
  const nextRestart = () =>
    withDeadline(
      new Promise<Supervised>((resolve) => (restarted = resolve)),
      WAIT_MS,
      'no restart came',
    );
  return { supervisor, decisions, nextExit, nextRestart };
}

describe('decideRestart', () => {
  const policy: RestartPolicy = {
    maxCrashes: 4,
    windowMs: 60_000,
    firstDelayMs: 1_000,
    maxDelayMs: 3_000,
  };
  const crashed = { code: 1, signal: null };

  it.each([
    ['a first exit', [], { restart: true, delayMs: 1_000, crashesInWindow: 1 }],
    ['a second within the window', [50_000], { restart: true, delayMs: 2_000, crashesInWindow: 2 }],
    [
      'a third: the delay stops growing',
      [40_000, 50_000],
      { restart: true, delayMs: 3_000, crashesInWindow: 3 },
    ],
    [
      'the fourth within the window',
      [30_000, 40_000, 50_000],
      { restart: false, reason: 'too many crashes', crashesInWindow: 4 },
    ],
    [
      'exits older than the window do not count',
      [500, 1_000, 50_000],
      { restart: true, delayMs: 2_000, crashesInWindow: 2 },
    ],
  ])('%s', (_case, earlier, expected) => {
    expect(decideRestart(policy, crashed, earlier, 61_000)).toEqual(expected);
  });

  it('never restarts without a policy, or a binary that could not start', () => {
    expect(decideRestart(undefined, crashed, [], 0)).toEqual({
      restart: false,
      reason: 'no restart policy',
      crashesInWindow: 1,
    });
    expect(
      decideRestart(policy, { code: null, signal: null, error: new Error('ENOENT') }, [], 0),
    ).toEqual({ restart: false, reason: 'could not start', crashesInWindow: 1 });
  });
});

describe('Supervisor', () => {
  it('restarts a crashed child with a growing delay, and gives up after repeated crashes', async () => {
    const { supervisor, decisions } = recordingSupervisor();
    const child = supervisor.start(nodeChild('process.exit(3)', quick));

    expect(await withDeadline(child.exited, WAIT_MS, 'never gave up')).toEqual({
      code: 3,
      signal: null,
    });
    expect(decisions).toEqual([
      { restart: true, delayMs: 10, crashesInWindow: 1 },
      { restart: true, delayMs: 15, crashesInWindow: 2 },
      { restart: false, reason: 'too many crashes', crashesInWindow: 3 },
    ]);
    expect(child.restarts).toBe(2);
  });

  it('keeps a restarted child that stays up, until everything stops', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reel-supervisor-'));
    const marker = JSON.stringify(path.join(dir, 'crashed-once'));
    // crashes the first time only, as a service losing a race at start-up might
    const script = `const fs = require('fs');
      if (!fs.existsSync(${marker})) { fs.writeFileSync(${marker}, ''); process.exit(1); }
      setInterval(() => {}, 1000);`;
    const { supervisor, decisions, nextRestart } = recordingSupervisor();
    try {
      const restart = nextRestart();
      const child = supervisor.start(nodeChild(script, quick));
      const firstPid = child.pid;
      await restart;
      expect(child.pid).not.toBe(firstPid);
      expect(child.exit).toBeUndefined();

      await withDeadline(supervisor.stopAll(), WAIT_MS, 'stopAll hung');
      expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(decisions).toEqual([{ restart: true, delayMs: 10, crashesInWindow: 1 }]);
      expect(child.restarts).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cancels a restart still waiting when everything stops', async () => {
    const { supervisor, nextExit } = recordingSupervisor();
    const slow = { ...quick, firstDelayMs: 10 * 60_000, maxDelayMs: 10 * 60_000 };
    const exited = nextExit();
    const child = supervisor.start(nodeChild('process.exit(2)', slow));
    await exited;

    await withDeadline(supervisor.stopAll(), WAIT_MS, 'stopAll waited for the restart');
    expect(child.exit).toEqual({ code: 2, signal: null });
    expect(child.restarts).toBe(0);
  });

  it('never restarts a child without a policy', async () => {
    const { supervisor, decisions } = recordingSupervisor();
    const child = supervisor.start(nodeChild('process.exit(4)'));
    expect(await withDeadline(child.exited, WAIT_MS, 'no exit')).toEqual({ code: 4, signal: null });
    expect(decisions).toEqual([
      { restart: false, reason: 'no restart policy', crashesInWindow: 1 },
    ]);
  });
});
