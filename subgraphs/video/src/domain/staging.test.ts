import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { limits } from '../limits';
import { openStagingArea, stagingDirName } from './staging';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600 * 1000);

/** A process that is running, and the pid of one that ran and is gone. */
async function livingAndDeadPids() {
  const living = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    stdio: 'ignore',
  });
  const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(dead, 'exit');
  return { living, deadPid: dead.pid! };
}

describe('the staging area at start-up', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'reel-staging-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const entry = async (name: string, modified?: Date) => {
    await mkdir(path.join(root, name), { recursive: true });
    await writeFile(path.join(root, name, 'upload'), 'partial upload');
    if (modified) await utimes(path.join(root, name), modified, modified);
    return name;
  };

  it('removes what no live process owns and keeps what one does', async () => {
    const { living, deadPid } = await livingAndDeadPids();
    try {
      const livingOwner = await entry(stagingDirName({ pid: living.pid!, bootId: randomUUID() }));
      const deadOwner = await entry(stagingDirName({ pid: deadPid, bootId: randomUUID() }));
      // this very pid in an earlier life (a restarted container gets the same pid again)
      const earlierLife = await entry(stagingDirName({ pid: process.pid, bootId: randomUUID() }));
      const otherMachine = await entry(
        stagingDirName({ host: 'elsewhere', pid: deadPid, bootId: randomUUID() }),
      );
      const otherMachineLongIdle = await entry(
        stagingDirName({ host: 'elsewhere', pid: 1, bootId: randomUUID() }),
        hoursAgo(7),
      );
      const livingButLongIdle = await entry(
        stagingDirName({ pid: living.pid!, bootId: randomUUID() }),
        hoursAgo(7),
      );
      const flatLayout = await entry(randomUUID()); // scratch of versions before owners
      await writeFile(path.join(root, 'stray'), 'x');

      const area = await openStagingArea(root, limits.staleScratchMs);

      expect(area.swept.sort()).toEqual(
        [
          deadOwner,
          earlierLife,
          otherMachineLongIdle,
          livingButLongIdle,
          flatLayout,
          'stray',
        ].sort(),
      );
      expect((await readdir(root)).sort()).toEqual(
        [livingOwner, otherMachine, path.basename(area.dir)].sort(),
      );
    } finally {
      living.kill();
    }
  });

  it('keeps the directory of another area this process opened, and releases its own', async () => {
    const first = await openStagingArea(root, limits.staleScratchMs);
    await writeFile(path.join(first.dir, 'upload'), 'in flight');
    const second = await openStagingArea(root, limits.staleScratchMs);

    expect(second.swept).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(
      [path.basename(first.dir), path.basename(second.dir)].sort(),
    );
    await first.release();
    await second.release();
    expect(await readdir(root)).toEqual([]);
  });

  it('starts on a media directory without a staging area yet', async () => {
    const area = await openStagingArea(path.join(root, 'media', '.staging'), 1);
    expect(area.swept).toEqual([]);
    expect(await readdir(path.join(root, 'media', '.staging'))).toEqual([path.basename(area.dir)]);
  });
});
