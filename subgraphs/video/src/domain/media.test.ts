import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sniffVideo, sweepStaleScratch } from './media';

describe('sniffVideo', () => {
  it.each([
    [
      'MP4',
      [0, 0, 0, 0x18, ...Buffer.from('ftypisom')],
      { contentType: 'video/mp4', extension: 'mp4' },
    ],
    [
      'QuickTime',
      [0, 0, 0, 0x14, ...Buffer.from('ftypqt  ')],
      { contentType: 'video/quicktime', extension: 'mov' },
    ],
    [
      'WebM',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('....webm')],
      { contentType: 'video/webm', extension: 'webm' },
    ],
    [
      'Matroska',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('matroska')],
      { contentType: 'video/x-matroska', extension: 'mkv' },
    ],
    ['PNG', [0x89, ...Buffer.from('PNG\r\n\x1a\n'), 0, 0, 0, 0], null],
    ['text', [...Buffer.from('hello world!')], null],
    ['too short', [0, 0], null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffVideo(Buffer.from(bytes))).toEqual(expected);
  });
});

describe('sweepStaleScratch', () => {
  it('removes only scratch older than the threshold', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'reel-scratch-'));
    await mkdir(path.join(workDir, 'stale'));
    await writeFile(path.join(workDir, 'stale', 'upload'), 'x');
    await mkdir(path.join(workDir, 'fresh'));
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600 * 1000);
    await utimes(path.join(workDir, 'stale'), hoursAgo(7), hoursAgo(7));

    expect(await sweepStaleScratch(workDir, 6 * 3600 * 1000)).toEqual(['stale']);
    expect(await readdir(workDir)).toEqual(['fresh']);
    expect(await sweepStaleScratch(path.join(workDir, 'missing'), 1)).toEqual([]);
    await rm(workDir, { recursive: true });
  });
});
