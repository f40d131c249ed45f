import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { makeVideo } from '@reel/testkit/media';
import { limits } from '../limits';
import { checkMediaLimits, extractFrame, type MediaFacts, sniffVideo } from './media';
import { boundMediaTools, defaultBounds, probeMedia, runFfmpeg } from './media-tool';

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

describe('the media tools', () => {
  const MiB = 1024 * 1024;
  const linuxOnly = process.platform === 'linux' ? it : it.skip;
  // ffmpeg and ffprobe need about 88 MiB of address space to start (boundMediaTools checks they
  // do): this cap leaves them room to start and none for a large frame
  const startOnly = { ...defaultBounds, memoryBytes: 96 * MiB };
  // the bounds are process-wide, as fluent-ffmpeg's paths are
  afterEach(() => boundMediaTools());

  it('kill ffmpeg at its deadline', async () => {
    await boundMediaTools({ ...defaultBounds, timeoutMs: 300 });
    // an endless synthetic source: only the deadline ends it
    await expect(
      runFfmpeg('nullsrc', (command) =>
        command.inputOptions(['-nostdin', '-v error', '-f lavfi']).format('null').output('-'),
      ),
    ).rejects.toThrow('ffmpeg failed: killed after 300 ms');
  });

  linuxOnly('kill ffprobe at its deadline', async () => {
    await boundMediaTools({ ...defaultBounds, timeoutMs: 300 });
    // counting the frames of an endless source never ends
    await expect(
      probeMedia('nullsrc', ['-v', 'quiet', '-f', 'lavfi', '-count_frames']),
    ).rejects.toThrow('ffprobe failed: ffprobe was killed with signal SIGKILL');
  });

  linuxOnly('cap the address space of ffmpeg: a decode that fits the default fails', async () => {
    const clip = await makeVideo({ seconds: 1, width: 3072, height: 3072, fps: 1, audio: false });
    const decode = (command: ffmpeg.FfmpegCommand) =>
      command.inputOptions(['-nostdin', '-v error', '-threads 1']).format('null').output('-');
    await expect(runFfmpeg(clip, decode)).resolves.toBeUndefined();
    await boundMediaTools(startOnly);
    await expect(runFfmpeg(clip, decode)).rejects.toThrow(/^ffmpeg failed: ffmpeg exited/);
    await rm(path.dirname(clip), { recursive: true });
  });

  linuxOnly(
    'cap the address space of ffprobe: a frame that fits the default is not read',
    async () => {
      // ffprobe answers even when it cannot hold a frame: the count says whether it could
      const countFrames = async () =>
        (
          await probeMedia('color=size=4096x4096:rate=1:duration=1', [
            '-v',
            'quiet',
            '-f',
            'lavfi',
            '-count_frames',
            '-show_entries',
            'stream=nb_read_frames',
          ])
        ).streams[0]?.nb_read_frames;
      expect(await countFrames()).toBe(1);
      await boundMediaTools(startOnly);
      expect(await countFrames()).toBe('N/A');
    },
  );
});
