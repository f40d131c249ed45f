import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * Upload scratch lives under `<MEDIA_DIR>/.staging/`, which several processes may share (npm
 * start's workers, instances on one volume). Each process stages inside a directory named for
 * its owner, `<host>~<pid>~<boot id>`, so a process starting up can tell which entries a live
 * process still owns and remove the rest, instead of waiting hours for them to look old.
 */
export interface StagingArea {
  /** This process's own directory: each upload's scratch goes under it. */
  dir: string;
  /** What the start-up sweep removed. */
  swept: string[];
  /** Removes this process's directory: on shutdown, once no request is left to use it. */
  release(): Promise<void>;
}

const SEPARATOR = '~';
const thisHost = hostname().replace(/[^A-Za-z0-9.-]/g, '-') || 'localhost';
// the areas this process opened: tests run several video subgraphs in one process
const bootIdsHere = new Set<string>();

/**
 * Sweeps `root`, then claims a directory of this process's own in it. `staleMs`: an owner
 * directory untouched this long is removed whoever owns it (every upload touches it; none takes
 * that long), which is the only test for owners on other machines, whose pids mean nothing here.
 */
export async function openStagingArea(
  root: string,
  staleMs: number,
  now = Date.now(),
): Promise<StagingArea> {
  const bootId = randomUUID();
  bootIdsHere.add(bootId);
  const dir = path.join(root, [thisHost, process.pid, bootId].join(SEPARATOR));
  const swept = await sweepUnowned(root, staleMs, now);
  await mkdir(dir, { recursive: true });
  return {
    dir,
    swept,
    release: async () => {
      bootIdsHere.delete(bootId);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Removes every entry of `root` that no live process owns; returns their names. */
export async function sweepUnowned(
  root: string,
  staleMs: number,
  now = Date.now(),
): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const where = path.join(root, entry);
    if (await hasLiveOwner(where, entry, staleMs, now)) continue;
    await rm(where, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

/** The name of a directory `openStagingArea` would create for this owner (tests build others). */
export function stagingDirName(owner: { host?: string; pid: number; bootId: string }): string {
  return [owner.host ?? thisHost, owner.pid, owner.bootId].join(SEPARATOR);
}

async function hasLiveOwner(
  where: string,
  entry: string,
  staleMs: number,
  now: number,
): Promise<boolean> {
  const [host, pidText, bootId, ...rest] = entry.split(SEPARATOR);
  const pid = Number(pidText);
  // anything else is the flat layout of earlier versions, or a stray file: nobody owns it
  if (!host || !bootId || rest.length > 0 || !Number.isSafeInteger(pid) || pid <= 0) return false;
  const info = await stat(where).catch(() => undefined);
  if (!info) return true; // another process swept it meanwhile
  if (now - info.mtimeMs >= staleMs) return false;
  if (host !== thisHost) return true;
  // the same pid with another boot id: an earlier life of this pid (a restarted container)
  if (pid === process.pid) return bootIdsHere.has(bootId);
  return isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
