import { eq } from 'drizzle-orm';
import { danmaku } from './db/schema';
import { limits } from './limits';
import { type InteractionUnderTest, startInteraction } from './test-app';

const SEND = `mutation ($video: ID!, $content: String!, $atMs: Int!) {
  sendDanmaku(videoId: $video, content: $content, atMs: $atMs) { id content atMs author { id } video { id } } }`;
const WINDOWS = `query ($reps: [_Any!]!, $from: Int, $to: Int) { _entities(representations: $reps) {
  ... on Video { id danmaku(fromMs: $from, toMs: $to) { id atMs } } } }`;

interface VideoDanmaku {
  id: string;
  danmaku: { id: string; atMs: number }[];
}

describe('danmaku: sending within the timeline, reading windows of it', () => {
  let subject: InteractionUnderTest;
  beforeAll(async () => {
    subject = await startInteraction('ia_danmaku');
  });
  afterAll(() => subject.close());

  const send = (viewer: number | null, video: number, content: string, atMs: number) =>
    subject.run<{ sendDanmaku: { id: string; content: string; atMs: number } }>(viewer, SEND, {
      video: String(video),
      content,
      atMs,
    });
  const windows = async (videos: number[], from?: number, to?: number) =>
    subject.run<{ _entities: VideoDanmaku[] }>(null, WINDOWS, {
      reps: videos.map((id) => ({ __typename: 'Video', id: String(id) })),
      from,
      to,
    });
  const rowsOf = (video: number) =>
    subject.db.select().from(danmaku).where(eq(danmaku.videoId, video));

  it('sends a danmaku and answers it, and Query.danmaku looks it up', async () => {
    const sender = subject.id();
    const video = await subject.video(subject.id(), 10_000);
    const sent = (await send(sender, video, '  前方高能  ', 10_000)).data!.sendDanmaku;
    expect(sent).toEqual({
      id: expect.stringMatching(/^\d+$/),
      content: '前方高能',
      atMs: 10_000,
      author: { id: String(sender) },
      video: { id: String(video) },
    });
    const lookup = await subject.run(null, `query ($id: ID!) { danmaku(id: $id) { id atMs } }`, {
      id: sent.id,
    });
    expect(lookup.data).toEqual({ danmaku: { id: sent.id, atMs: 10_000 } });
    const missing = await subject.run(null, `{ danmaku(id: "999999999") { id } }`);
    expect(missing.data).toEqual({ danmaku: null });
  });

  it('takes any atMs ≥ 0 over a video whose duration the projection does not have', async () => {
    const video = await subject.video(subject.id(), null);
    expect((await send(subject.id(), video, 'late', 3_600_000)).data?.sendDanmaku.atMs).toBe(
      3_600_000,
    );
  });

  it.each([
    ['before the start', -1, 'atMs must be at least 0'],
    ['past the end', 10_001, 'atMs must be within the video, from 0 to 10000 ms'],
  ])('refuses an atMs %s as BAD_USER_INPUT, writing nothing', async (_case, atMs, message) => {
    const video = await subject.video(subject.id(), 10_000);
    expect((await send(subject.id(), video, 'hi', atMs)).errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field: 'atMs' } }),
    ]);
    expect(await rowsOf(video)).toEqual([]);
  });

  it('refuses anonymous danmaku and danmaku over unknown videos', async () => {
    const video = await subject.video(subject.id(), 10_000);
    expect((await send(null, video, 'hi', 0)).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    expect((await send(subject.id(), subject.id(), 'hi', 0)).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'NOT_FOUND', field: 'videoId' } }),
    ]);
    expect(await rowsOf(video)).toEqual([]);
  });

  it(`answers at most ${limits.danmakuWindow.maxItems} of a window, the earliest`, async () => {
    const video = await subject.video(subject.id(), null);
    const author = subject.id();
    const createdAt = new Date();
    const count = limits.danmakuWindow.maxItems + 1;
    // in reverse timeline order, so that id order alone would give the wrong ones
    await subject.db.insert(danmaku).values(
      Array.from({ length: count }, (_, n) => ({
        videoId: video,
        authorId: author,
        content: `${n}`,
        atMs: (count - n) * 10,
        createdAt,
      })),
    );
    const listed = (await windows([video])).data!._entities[0]!.danmaku;
    expect(listed.map((item) => item.atMs)).toEqual(
      Array.from({ length: limits.danmakuWindow.maxItems }, (_, n) => (n + 1) * 10),
    );
  });

  it('reads the windows of 30 videos in one SQL query, and of 5 in one too', async () => {
    const videos: number[] = [];
    for (let n = 0; n < 30; n += 1) {
      const video = await subject.video(subject.id(), 60_000);
      videos.push(video);
      await send(subject.id(), video, `at ${n}`, n * 1000);
    }
    const queriesFor = async (some: number[]) => {
      subject.app.mysql.queries.count = 0;
      const result = await windows([...some, ...some], 0, 60_000);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.map((video) => video.danmaku.length)).toEqual(
        [...some, ...some].map(() => 1),
      );
      return subject.app.mysql.queries.count;
    };
    expect(await queriesFor(videos)).toBe(1);
    expect(await queriesFor(videos.slice(0, 5))).toBe(1);
  });

  it.each([
    ['a window starting before 0', -1, 10, 'fromMs must be at least 0'],
    ['a window ending before it starts', 10, 9, 'toMs must not be before fromMs'],
    [
      'a window over the widest',
      0,
      limits.danmakuWindow.maxMs + 1,
      `A danmaku window spans at most ${limits.danmakuWindow.maxMs} ms`,
    ],
  ])('refuses %s as BAD_USER_INPUT', async (_case, from, to, message) => {
    const result = await windows([1], from, to);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });
});
