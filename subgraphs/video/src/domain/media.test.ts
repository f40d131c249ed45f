import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpegPath from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import { makeVideo } from '@reel/testkit/media';
import { limits } from '../limits';
import { checkMediaLimits, extractFrame, type MediaFacts, sniffVideo } from './media';
import { runMediaTool } from './media-tool';

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

describe('checkMediaLimits', () => {
  const atEveryLimit: MediaFacts = {
    width: 4096,
    height: 2160,
    durationMs: limits.maxVideoDurationSeconds * 1000,
    frameRate: limits.maxVideoFrameRate,
  };

  it.each([
    ['4K landscape at every limit', atEveryLimit],
    ['4K portrait', { ...atEveryLimit, width: 2160, height: 4096 }],
    ['no stated duration or frame rate', { ...atEveryLimit, durationMs: 0, frameRate: 0 }],
  ])('accepts %s', (_case, facts) => {
    expect(() => checkMediaLimits(facts)).not.toThrow();
  });

  it.each([
    ['maxVideoWidth', { width: 16000, height: 16000 }, /16000 pixels wide; at most 4096/],
    ['maxVideoHeight', { width: 16, height: 4112 }, /4112 pixels high; at most 4096/],
    ['maxVideoPixels', { width: 3072, height: 3072 }, /3072×3072 pixels per frame/],
    ['maxVideoDurationSeconds', { durationMs: 600_001 + 999 }, /lasts 601 seconds; at most 600/],
    ['maxVideoFrameRate', { frameRate: 240 }, /240 frames per second; at most 120/],
  ])('refuses past %s, naming it', (limit, over, message) => {
    let refusal: unknown;
    try {
      checkMediaLimits({ ...atEveryLimit, ...over });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file', limit },
    });
  });
});

describe('the frame grab', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'reel-grab-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('decodes a frame at the size limit and hands sharp a cover-sized PNG', async () => {
    const clip = await makeVideo({ seconds: 1, width: 4096, height: 2160, fps: 1, audio: false });
    const frame = path.join(scratch, 'at-limit.png');
    await extractFrame(clip, 1000, frame);
    expect(await sharp(frame).metadata()).toMatchObject({
      format: 'png',
      width: limits.coverMaxWidth,
      height: 570,
    });
    await rm(path.dirname(clip), { recursive: true });
  });

  it('refuses to decode a frame larger than the limit, whatever the container says', async () => {
    // ffprobe would refuse this one first; the decoder guard is for containers that lie
    const clip = await makeVideo({ seconds: 1, width: 3072, height: 3072, fps: 1, audio: false });
    await expect(extractFrame(clip, 1000, path.join(scratch, 'over.png'))).rejects.toMatchObject({
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    await rm(path.dirname(clip), { recursive: true });
  });
});

describe('runMediaTool', () => {
  const bounds = {
    timeoutMs: limits.mediaToolTimeoutSeconds * 1000,
    memoryBytes: 512 * 1024 * 1024,
  };

  it('kills a tool at its deadline', async () => {
    // an endless synthetic source: only the deadline ends it
    const endless = ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'nullsrc', '-f', 'null', '-'];
    await expect(
      runMediaTool(ffmpegPath.path, endless, { ...bounds, timeoutMs: 300 }),
    ).rejects.toThrow('ffmpeg failed: killed after 300 ms');
  });

  (process.platform === 'linux' ? it : it.skip)(
    'caps the address space of the child: a decode that fits the default fails under a small cap',
    async () => {
      const clip = await makeVideo({ seconds: 1, width: 3072, height: 3072, fps: 1, audio: false });
      const decode = ['-nostdin', '-v', 'error', '-threads', '1', '-i', clip, '-f', 'null', '-'];
      await expect(runMediaTool(ffmpegPath.path, decode, bounds)).resolves.toBe('');
      await expect(
        runMediaTool(ffmpegPath.path, decode, { ...bounds, memoryBytes: 64 * 1024 * 1024 }),
      ).rejects.toThrow(/^ffmpeg failed/);
      await rm(path.dirname(clip), { recursive: true });
    },
  );
});
