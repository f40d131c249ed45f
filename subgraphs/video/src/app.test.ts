import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, parseConfig } from '@reel/common';
import { runEnv } from '@reel/testkit/run-env';
import { subgraph } from './app';
import { stagingDirName } from './domain/staging';

describe('the video subgraph at start-up', () => {
  it("removes the staging left by a process that died mid-upload and keeps a live process's", async () => {
    const mediaDir = await mkdtemp(path.join(tmpdir(), 'reel-media-'));
    const staging = path.join(mediaDir, '.staging');
    const living = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(dead, 'exit');
    const partialUpload = async (pid: number) => {
      const dir = stagingDirName({ pid, bootId: randomUUID() });
      await mkdir(path.join(staging, dir, randomUUID()), { recursive: true });
      await writeFile(path.join(staging, dir, 'upload'), Buffer.alloc(64 * 1024));
      return dir;
    };
    const deadOwner = await partialUpload(dead.pid!);
    const livingOwner = await partialUpload(living.pid!);
    const config = parseConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MYSQL_URL: runEnv().mysqlUrl,
      REEL_NAMESPACE: runEnv().namespace,
      NATS_URL: process.env.NATS_URL,
      MEDIA_DIR: mediaDir,
    });
    const video = await subgraph.create(config, createLogger(config, 'video'));
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= video.close());
    try {
      const entries = await readdir(staging);
      expect(entries).toContain(livingOwner);
      expect(entries).not.toContain(deadOwner);
      expect(entries).toHaveLength(2); // and the one it claimed for itself
      await close();
      // closing gave its own directory back
      expect(await readdir(staging)).toEqual([livingOwner]);
    } finally {
      await close();
      living.kill();
      await rm(mediaDir, { recursive: true, force: true });
    }
  });
});
