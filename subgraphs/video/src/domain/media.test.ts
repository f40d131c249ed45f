import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { makeVideo } from '@reel/testkit/media';
import { limits } from '../limits';
import {
  checkMediaLimits,
  encodeCover,
  extractFrame,
  type MediaFacts,
  probeVideo,
  sniffVideo,
  type VideoFormat,
} from './media';
import { boundMediaTools, defaultBounds, probeMedia, runFfmpeg } from './media-tool';

describe('sniffVideo', () => {
  it.each([
    [
      'MP4',
      [0, 0, 0, 0x18, ...Buffer.from('ftypisom')],
      { contentType: 'video/mp4', extension: 'mp4', demuxer: 'mov' },
    ],
    [
      'QuickTime',
      [0, 0, 0, 0x14, ...Buffer.from('ftypqt  ')],
      { contentType: 'video/quicktime', extension: 'mov', demuxer: 'mov' },
    ],
    [
      'WebM',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('....webm')],
      { contentType: 'video/webm', extension: 'webm', demuxer: 'matroska' },
    ],
    [
      'Matroska',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('matroska')],
      { contentType: 'video/x-matroska', extension: 'mkv', demuxer: 'matroska' },
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

const mp4: VideoFormat = { contentType: 'video/mp4', extension: 'mp4', demuxer: 'mov' };

describe('the frame grab', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'reel-grab-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('decodes a frame at the size limit and hands sharp a cover-sized PNG', async () => {
    const clip = await makeVideo({ seconds: 1, width: 4096, height: 2160, fps: 1, audio: false });
    const frame = path.join(scratch, 'at-limit.png');
    await extractFrame(clip, mp4, 1000, frame);
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
    await expect(
      extractFrame(clip, mp4, 1000, path.join(scratch, 'over.png')),
    ).rejects.toMatchObject({
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

describe('RELIABILITY row 15: a pixel bomb as a cover frame', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'reel-bomb-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('a flat 14000×14000 PNG is refused by limitInputPixels before decoding, in little memory', async () => {
    const bomb = path.join(scratch, 'bomb.png');
    // libvips streams the flat colour out in strips: the file is small, its pixels are not
    await sharp({
      create: { width: 14_000, height: 14_000, channels: 3, background: '#808080' },
      limitInputPixels: false,
    })
      .png({ compressionLevel: 9 })
      .toFile(bomb);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
      width: 14_000,
      height: 14_000,
    });
    const { size } = await stat(bomb);
    console.log(`pixel bomb: ${size} bytes on disk, ${14_000 * 14_000 * 3} bytes decoded`);

    const rssBefore = process.memoryUsage.rss();
    await expect(
      encodeCover(bomb, path.join(scratch, 'cover.jpg'), path.join(scratch, 'thumb.webp')),
    ).rejects.toMatchObject({
      message: `The image has more than ${limits.maxVideoPixels} pixels`,
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', limit: 'maxVideoPixels' },
    });
    const grownMiB = (process.memoryUsage.rss() - rssBefore) / 1024 / 1024;
    console.log(`pixel bomb refused; RSS grew ${grownMiB.toFixed(1)} MiB`);
    // decoding it would take 560 MiB: a refusal from the header alone stays far below that
    expect(grownMiB).toBeLessThan(100);
    expect(await readdir(scratch)).toEqual(['bomb.png']);
  });
});

describe('RELIABILITY row 16: hostile containers that name other files and URLs', () => {
  let scratch: string;
  let probe: Server;
  let probeConnections = 0;
  let probeUrl: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'reel-hostile-'));
    probe = createServer((socket) => {
      probeConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    probeUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/probe`;
  });
  afterAll(async () => {
    await new Promise((resolve) => probe.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  const playlist = () =>
    [
      '#EXTM3U',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-TARGETDURATION:1',
      '#EXTINF:1.0,',
      'file:///etc/passwd',
      '#EXTINF:1.0,',
      probeUrl,
      '#EXT-X-ENDLIST',
      '',
    ].join('\n');

  /** What each tool says about `file`, read as the sniffed format `as` would have it read. */
  async function refusalOf(file: string, as: VideoFormat) {
    const outcomes: unknown[] = [];
    for (const attempt of [
      () => probeVideo(file, as),
      () => extractFrame(file, as, 1000, path.join(scratch, 'frame.png')),
    ])
      outcomes.push(
        await attempt().then(
          () => 'accepted',
          (error: unknown) => error,
        ),
      );
    return outcomes;
  }

  it.each([
    // the playlist itself, as if the sniff had been fooled into calling it an MP4
    ['an .m3u8 playlist', 'x.m3u8', () => Buffer.from(playlist())],
    // an MP4 brand up front (so the sniff passes) over the playlist
    [
      'an ftyp header over a playlist',
      'x.mp4',
      () =>
        Buffer.concat([
          Buffer.from([0, 0, 0, 0x14]),
          Buffer.from('ftypisom\0\0\0\0isom'),
          Buffer.from(playlist()),
        ]),
    ],
    // the shape of the 2017 ffmpeg exploit: an AVI whose GAB2 subtitle chunk holds a playlist
    [
      'an AVI carrying a playlist',
      'x.avi',
      () =>
        Buffer.concat([
          Buffer.from('RIFF\x00\x10\x00\x00AVI LIST\x00\x01\x00\x00hdrlavih', 'latin1'),
          Buffer.alloc(56),
          Buffer.from('GAB2\x00\x02\x00', 'latin1'),
          Buffer.from(playlist()),
        ]),
    ],
  ])(
    '%s: refused with a clear reason, no /etc/passwd bytes, no connection',
    async (_case, name, bytes) => {
      const file = path.join(scratch, name);
      await writeFile(file, bytes());
      const outcomes = await refusalOf(file, mp4);
      expect(outcomes).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^The file (is not a readable video|has no video stream)$/,
          ),
          extensions: expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
        }),
        expect.objectContaining({
          message: 'No frame could be decoded from the video',
          extensions: expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
        }),
      ]);
      const passwd = await readFile('/etc/passwd', 'utf8');
      const firstLine = passwd.split('\n')[0]!;
      expect(JSON.stringify(outcomes)).not.toContain(firstLine);
      expect(await readdir(scratch)).toEqual(expect.not.arrayContaining(['frame.png']));
      expect(probeConnections).toBe(0);
    },
  );

  it('the guards keep even a URL given as the input closed; unguarded, ffprobe opens it', async () => {
    await expect(probeVideo(probeUrl, mp4)).rejects.toMatchObject({
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(probeConnections).toBe(0);
    // the listener does count: ffprobe as fluent-ffmpeg runs it, picking protocols itself
    await probeMedia(probeUrl, ['-v', 'quiet']).catch(() => undefined);
    expect(probeConnections).toBeGreaterThan(0);
    probeConnections = 0;
  });
});
