import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { eq, like, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { videoCreated } from '@reel/contracts';
import { videoOutbox, videos } from '@reel/video-subgraph/db/schema';
import { limits } from '@reel/video-subgraph/limits';
import {
  eventually,
  graphql,
  makeVideo,
  publishMutation,
  seeder,
  type SeededUser,
  uploadGraphql,
} from '@reel/testkit';
import { type Stack, startStack } from './harness';

interface PublishedVideo {
  id: string;
  title: string;
  playUrl: string;
  coverUrl: string;
  thumbnailUrl: string;
  createdAtMs: number;
  duration: number;
  width: number;
  height: number;
  author: { id: string; name: string };
}

const UPLOAD_LIMIT_MIB = 0.25; // this stack's limit, so "too large" needs only a small file

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe.each(['remote', 'in-process'])(
  'publishing a video through the gateway, subgraphs %s',
  (topology) => {
    let stack: Stack;
    let author: SeededUser;
    let clip: string;

    beforeAll(async () => {
      stack = await startStack({
        MAX_UPLOAD_MIB: String(UPLOAD_LIMIT_MIB),
        GATEWAY_SUBGRAPHS: topology,
      });
      author = await seeder(stack.gatewayUrl).user();
      clip = await makeVideo({ seconds: 1, width: 320, height: 240 });
    });
    afterAll(() => stack.close());

    const traces = async (authorId: string) => {
      const { db } = stack.subgraphs.video.mysql;
      const [rows] = await db
        .select({ n: sql<number>`count(*)` })
        .from(videos)
        .where(eq(videos.authorId, Number(authorId)));
      const [events] = await db
        .select({ n: sql<number>`count(*)` })
        .from(videoOutbox)
        .where(like(videoOutbox.payload, `%"authorId":"${authorId}"%`));
      return {
        rows: Number(rows?.n),
        events: Number(events?.n),
        files: (await filesUnder(stack.mediaDir)).length,
      };
    };

    it('stores the video, a real JPEG cover and a WebP thumbnail, and shows it at once', async () => {
      const response = await uploadGraphql<{ publishVideo: PublishedVideo }>(
        stack.gatewayUrl,
        {
          query: publishMutation,
          variables: { title: '  First clip  ' },
          file: clip,
          filename: '../public/bear.mp4',
        },
        { token: author.token },
      );
      expect(response.body.errors).toBeUndefined();
      const video = response.body.data!.publishVideo;
      expect(video).toEqual({
        id: expect.stringMatching(/^\d+$/),
        title: 'First clip',
        playUrl: expect.stringMatching(
          new RegExp(`^${stack.gatewayUrl}/media/videos/[0-9a-f]{2}/[0-9a-f-]{36}\\.mp4$`),
        ),
        coverUrl: expect.stringMatching(/\/media\/covers\/.+\.jpg$/),
        thumbnailUrl: expect.stringMatching(/\/media\/thumbnails\/.+\.webp$/),
        createdAt: expect.any(String),
        createdAtMs: expect.any(Number),
        duration: expect.closeTo(1, 0),
        width: 320,
        height: 240,
        author: { id: author.user.id, name: author.user.name },
      });

      // its video.created event waits in the outbox, as the contract describes it
      const events = await stack.subgraphs.video.mysql.db
        .select()
        .from(videoOutbox)
        .where(like(videoOutbox.payload, `%"authorId":"${author.user.id}"%`));
      expect(
        events.map((event) => ({
          subject: event.subject,
          payload: videoCreated.schema.parse(JSON.parse(event.payload)),
        })),
      ).toEqual([
        {
          subject: videoCreated.subject(stack.config.namespace),
          payload: {
            id: video.id,
            authorId: author.user.id,
            createdAt: new Date(video.createdAtMs).toISOString(),
            createdAtMs: video.createdAtMs,
            durationMs: Math.round(video.duration * 1000),
          },
        },
      ]);

      const cover = await fetch(video.coverUrl);
      expect(cover.status).toBe(200);
      expect(cover.headers.get('content-type')).toBe('image/jpeg');
      expect(cover.headers.get('cache-control')).toMatch(/immutable/);
      const coverMeta = await sharp(Buffer.from(await cover.arrayBuffer())).metadata();
      expect(coverMeta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
      const thumbnail = await sharp(
        Buffer.from(await (await fetch(video.thumbnailUrl)).arrayBuffer()),
      ).metadata();
      expect(thumbnail).toMatchObject({ format: 'webp', width: 240, height: 180 });

      const original = await readFile(clip);
      const range = await fetch(video.playUrl, { headers: { range: 'bytes=100-299' } });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-type')).toBe('video/mp4');
      expect(range.headers.get('content-range')).toBe(`bytes 100-299/${original.length}`);
      expect(Buffer.from(await range.arrayBuffer())).toEqual(original.subarray(100, 300));

      const lists = await graphql<{
        feed: { edges: { node: { id: string } }[] };
        user: {
          workCount: number;
          videos: { edges: { node: { id: string; coverUrl: string } }[] };
        };
      }>(
        stack.gatewayUrl,
        'query ($id: ID!) { feed(first: 30) { edges { node { id } } } user(id: $id) { workCount videos(first: 5) { edges { node { id coverUrl } } } } }',
        { id: author.user.id },
      );
      expect(lists.data?.feed.edges.map((edge) => edge.node.id)).toContain(video.id);
      expect(lists.data?.user).toEqual({
        workCount: 1,
        videos: { edges: [{ node: { id: video.id, coverUrl: video.coverUrl } }] },
      });
    });

    describe('rejections leave no row, no file and no event', () => {
      let uploader: SeededUser;
      beforeAll(async () => {
        uploader = await seeder(stack.gatewayUrl).user();
      });

      const expectRejected = async (
        send: () => Promise<{
          status: number;
          body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
        }>,
        code: string,
        message: RegExp,
      ) => {
        // an earlier aborted upload may still be being cleaned up: start from a settled state
        const before = await eventually(async () => {
          expect(await filesUnder(path.join(stack.mediaDir, '.staging'))).toEqual([]);
          return traces(uploader.user.id);
        });
        const response = await send();
        expect(response.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(message),
          extensions: { code },
        });
        expect(response.body.data ?? null).toBeNull();
        // an aborted upload is cleaned up by the subgraph as the abort reaches it
        await eventually(async () => {
          expect(await traces(uploader.user.id)).toEqual(before);
          expect(await filesUnder(path.join(stack.mediaDir, '.staging'))).toEqual([]);
        });
        return response;
      };
      const upload = (
        file: string | Buffer,
        options: { title?: string; token?: string; knownLength?: boolean } = {},
      ) =>
        uploadGraphql(
          stack.gatewayUrl,
          { query: publishMutation, variables: { title: options.title ?? 'clip' }, file },
          { token: options.token ?? uploader.token, knownLength: options.knownLength },
        );

      it('too large, streamed without a length: PAYLOAD_TOO_LARGE', async () => {
        await expectRejected(
          () => upload(Buffer.alloc(UPLOAD_LIMIT_MIB * 1024 * 1024 + 1, 1)),
          'PAYLOAD_TOO_LARGE',
          /exceeds/,
        );
      });

      it('the limit is inclusive: a real video of exactly the limit is published, one byte more is not', async () => {
        // pad the clip with an MP4 `free` box (size + type + filler) up to the byte count wanted
        const padded = async (bytes: number) => {
          const original = await readFile(clip);
          const box = Buffer.alloc(bytes - original.length);
          box.writeUInt32BE(box.length, 0);
          box.write('free', 4, 'latin1');
          return Buffer.concat([original, box]);
        };
        const limit = UPLOAD_LIMIT_MIB * 1024 * 1024;
        const oneOver = await padded(limit + 1);
        await expectRejected(() => upload(oneOver), 'PAYLOAD_TOO_LARGE', /exceeds/);
        const exact = await upload(await padded(limit));
        expect(exact.body.errors).toBeUndefined();
        expect(exact.body.data).toEqual({
          publishVideo: expect.objectContaining({ width: 320, height: 240 }),
        });
      });

      it('too large by its declared length: refused with 413 before the body is read', async () => {
        const response = await expectRejected(
          () => upload(Buffer.alloc(2 * 1024 * 1024, 1), { knownLength: true }),
          'PAYLOAD_TOO_LARGE',
          /exceeds the 0 MiB limit|exceeds/,
        );
        expect(response.status).toBe(413);
      });

      it('empty file: BAD_USER_INPUT', async () => {
        await expectRejected(() => upload(Buffer.alloc(0)), 'BAD_USER_INPUT', /empty/);
      });

      it('not a video (a PNG named clip.mp4): UNSUPPORTED_MEDIA_TYPE', async () => {
        const png = await sharp({
          create: { width: 8, height: 8, channels: 3, background: '#f00' },
        })
          .png()
          .toBuffer();
        await expectRejected(() => upload(png), 'UNSUPPORTED_MEDIA_TYPE', /not a supported video/);
      });

      it('an MP4 header over garbage: UNSUPPORTED_MEDIA_TYPE from ffprobe', async () => {
        const fake = Buffer.concat([
          Buffer.from([0, 0, 0, 0x18]),
          Buffer.from('ftypisom'),
          Buffer.alloc(4096, 7),
        ]);
        await expectRejected(
          () => upload(fake),
          'UNSUPPORTED_MEDIA_TYPE',
          /not a readable video|no video stream/,
        );
      });

      it('an audio-only MP4: UNSUPPORTED_MEDIA_TYPE', async () => {
        const audioDir = path.dirname(clip);
        const audio = path.join(audioDir, 'audio.mp4');
        const { execFile } = await import('node:child_process');
        const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).path;
        await new Promise((resolve, reject) =>
          execFile(
            ffmpeg,
            ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', '-y', audio],
            (error) => (error ? reject(error) : resolve(null)),
          ),
        );
        await expectRejected(() => upload(audio), 'UNSUPPORTED_MEDIA_TYPE', /no video stream/);
        await rm(audio);
      });

      // media bombs: small files that would decode huge (made cheaply: flat colour, no audio)
      it.each([
        [
          'wider than the limit',
          { width: limits.maxVideoWidth + 64, height: 16 },
          `${limits.maxVideoWidth + 64} pixels wide; at most ${limits.maxVideoWidth}`,
        ],
        [
          'higher than the limit',
          { width: 16, height: limits.maxVideoHeight + 64 },
          `${limits.maxVideoHeight + 64} pixels high; at most ${limits.maxVideoHeight}`,
        ],
        [
          'with more pixels per frame than the limit',
          { width: 3072, height: 3072 },
          `3072×3072 pixels per frame; at most ${limits.maxVideoPixels}`,
        ],
        [
          'longer than the limit (16×16 at 1 fps)',
          { width: 16, height: 16, seconds: limits.maxVideoDurationSeconds + 60 },
          `lasts ${limits.maxVideoDurationSeconds + 60} seconds; at most ${limits.maxVideoDurationSeconds}`,
        ],
        [
          'faster than the limit (240 fps)',
          { width: 64, height: 64, fps: 240, seconds: 0.25 },
          `240 frames per second; at most ${limits.maxVideoFrameRate}`,
        ],
      ])('a video %s: UNSUPPORTED_MEDIA_TYPE naming the limit', async (_case, size, message) => {
        const bomb = await makeVideo({
          seconds: 1,
          fps: 1,
          audio: false,
          pattern: 'color=c=gray',
          ...size,
        });
        await expectRejected(() => upload(bomb), 'UNSUPPORTED_MEDIA_TYPE', new RegExp(message));
        await rm(path.dirname(bomb), { recursive: true });
      });

      it('a video at the width and frame-rate limits is published', async () => {
        const wide = await makeVideo({
          seconds: 0.5,
          width: limits.maxVideoWidth,
          height: 64,
          fps: limits.maxVideoFrameRate,
          audio: false,
          pattern: 'color=c=gray',
        });
        const response = await upload(wide);
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data).toEqual({
          publishVideo: expect.objectContaining({ width: limits.maxVideoWidth, height: 64 }),
        });
        await rm(path.dirname(wide), { recursive: true });
      });

      it.each([
        ['empty', '   ', /must not be empty/],
        ['101 characters', 'x'.repeat(101), /at most 100 characters/],
      ])('bad title (%s): BAD_USER_INPUT', async (_case, title, message) => {
        await expectRejected(() => upload(clip, { title }), 'BAD_USER_INPUT', message);
      });

      it('no token: UNAUTHENTICATED', async () => {
        await expectRejected(
          () =>
            uploadGraphql(stack.gatewayUrl, {
              query: publishMutation,
              variables: { title: 'clip' },
              file: clip,
            }),
          'UNAUTHENTICATED',
          /logged in/,
        );
      });

      it('a bad token: UNAUTHENTICATED with HTTP 401', async () => {
        const response = await expectRejected(
          () => upload(clip, { token: `${uploader.token}x` }),
          'UNAUTHENTICATED',
          /invalid/,
        );
        expect(response.status).toBe(401);
      });

      it('leaves nothing in the staging area', async () => {
        expect(await filesUnder(path.join(stack.mediaDir, '.staging'))).toEqual([]);
      });
    });
  },
);
