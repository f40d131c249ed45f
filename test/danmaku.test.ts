import { eq, getTableName } from 'drizzle-orm';
import { cacheKeys, cursorBefore } from '@reel/common';
import { videoDanmaku } from '@reel/contracts';
import { users } from '@reel/user-subgraph/db/schema';
import { videoOutbox } from '@reel/video-subgraph/db/schema';
import { comments, danmaku, interactionOutbox } from '@reel/interaction-subgraph/db/schema';
import { limits } from '@reel/interaction-subgraph/limits';
import { BLOCKED_MESSAGE } from '@reel/moderation';
import { errorCodes, graphql, seeder, uniqueName } from '@reel/testkit';
import { seedVideo, type Stack, startStack } from './harness';

const SEND = `mutation ($video: ID!, $content: String!, $atMs: Int!) {
  sendDanmaku(videoId: $video, content: $content, atMs: $atMs) {
    id content atMs createdAt author { id name } video { id title } } }`;
const COMMENT = `mutation ($video: ID!, $content: String!) {
  addComment(videoId: $video, content: $content) { id content } }`;
const WINDOW = `query ($video: ID!, $from: Int, $to: Int) { video(id: $video) {
  danmaku(fromMs: $from, toMs: $to) { content atMs author { name } } } }`;

interface SentDanmaku {
  id: string;
  content: string;
  atMs: number;
  createdAt: string;
  author: { id: string; name: string };
  video: { id: string; title: string };
}

describe.each(['remote', 'in-process'])('danmaku through the gateway, subgraphs %s', (topology) => {
  let stack: Stack;
  // each topology's videos at instants of their own, far in the past
  const base = Date.UTC(topology === 'remote' ? 2005 : 2006, 0, 1);
  let instant = 0;
  const nextInstant = () => new Date(base + 1000 + instant++);
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  const send = (token: string | undefined, video: string, content: string, atMs: number) =>
    graphql<{ sendDanmaku: SentDanmaku }>(
      stack.gatewayUrl,
      SEND,
      { video, content, atMs },
      token ? { token } : {},
    );
  const danmakuRows = (video: string) =>
    stack.subgraphs.interaction.mysql.db
      .select({ content: danmaku.content, atMs: danmaku.atMs })
      .from(danmaku)
      .where(eq(danmaku.videoId, Number(video)));
  const danmakuEvents = (video: string) =>
    stack.subgraphs.interaction.mysql.db
      .select({ payload: interactionOutbox.payload })
      .from(interactionOutbox)
      .where(eq(interactionOutbox.subject, videoDanmaku.subject(stack.namespace, video)));

  it('sends danmaku and lists a window of the timeline in timeline order', async () => {
    const seed = seeder(stack.gatewayUrl);
    const [author, alice, bob] = [await seed.user(), await seed.user(), await seed.user()];
    const video = await seedVideo(stack, author.user.id, 'timeline', nextInstant(), {
      durationMs: 60_000,
    });
    const sent = await send(alice.token, video, ' 前方高能 ', 30_000);
    expect(sent).toEqual({
      status: 200,
      data: {
        sendDanmaku: {
          id: expect.stringMatching(/^\d+$/),
          content: '前方高能',
          atMs: 30_000,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          author: { id: alice.user.id, name: alice.user.name },
          video: { id: video, title: 'timeline' },
        },
      },
    });
    // sent out of timeline order, two at one moment, the ends of the timeline included
    for (const [who, content, atMs] of [
      [bob, 'b@45', 45_000],
      [alice, 'a@10', 10_000],
      [bob, 'b@10', 10_000],
      [alice, 'a@0', 0],
      [bob, 'b@60', 60_000],
    ] as const)
      expect((await send(who.token, video, content, atMs)).errors).toBeUndefined();

    const window = async (from?: number, to?: number) =>
      (
        await graphql<{ video: { danmaku: { content: string; atMs: number }[] } }>(
          stack.gatewayUrl,
          WINDOW,
          { video, from, to },
        )
      ).data?.video.danmaku.map((item) => item.content);
    expect(await window()).toEqual(['a@0', 'a@10', 'b@10', '前方高能', 'b@45', 'b@60']);
    // fromMs ≤ atMs < toMs: adjacent windows neither repeat nor skip one
    expect(await window(10_000, 45_000)).toEqual(['a@10', 'b@10', '前方高能']);
    expect(await window(45_000, 60_001)).toEqual(['b@45', 'b@60']);
    expect(await window(50_000, 60_000)).toEqual([]);

    const listed = await graphql(stack.gatewayUrl, WINDOW, { video, from: 30_000, to: 30_001 });
    expect(listed.data).toEqual({
      video: {
        danmaku: [{ content: '前方高能', atMs: 30_000, author: { name: alice.user.name } }],
      },
    });
    // how the realtime edge hydrates a danmaku event
    const lookup = await graphql(
      stack.gatewayUrl,
      `
        query ($id: ID!) {
          danmaku(id: $id) {
            id
            content
            author {
              name
            }
            video {
              title
            }
          }
        }
      `,
      { id: sent.data!.sendDanmaku.id },
    );
    expect(lookup.data).toEqual({
      danmaku: {
        id: sent.data!.sendDanmaku.id,
        content: '前方高能',
        author: { name: alice.user.name },
        video: { title: 'timeline' },
      },
    });
  });

  it('writes the videoDanmaku event to the outbox with the contract’s payload', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const video = await seedVideo(stack, viewer.user.id, 'evented', nextInstant());
    const { id } = (await send(viewer.token, video, 'event', 0)).data!.sendDanmaku;
    const events = await danmakuEvents(video);
    expect(events).toHaveLength(1);
    const payload: unknown = JSON.parse(events[0]!.payload);
    expect(videoDanmaku.schema.parse(payload)).toEqual({ id, videoId: video });
    expect(payload).toEqual({ id, videoId: video });
  });

  it('refuses an atMs beyond the video’s duration, and takes any atMs when the duration is unknown', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const timed = await seedVideo(stack, viewer.user.id, 'timed', nextInstant(), {
      durationMs: 15_000,
    });
    const refused = await send(viewer.token, timed, 'too late', 15_001);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'atMs must be within the video, from 0 to 15000 ms',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'atMs' }),
      }),
    ]);
    expect(await danmakuRows(timed)).toEqual([]);
    expect(await danmakuEvents(timed)).toEqual([]);
    expect((await send(viewer.token, timed, 'the end', 15_000)).errors).toBeUndefined();

    const untimed = await seedVideo(stack, viewer.user.id, 'untimed', nextInstant(), {
      durationMs: null,
    });
    expect((await send(viewer.token, untimed, 'whenever', 7_200_000)).errors).toBeUndefined();
    expect(await danmakuRows(untimed)).toEqual([{ content: 'whenever', atMs: 7_200_000 }]);
  });

  it(`refuses ${limits.danmakuMaxChars + 1} characters and takes ${limits.danmakuMaxChars}`, async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const video = await seedVideo(stack, viewer.user.id, 'long', nextInstant());
    const refused = await send(viewer.token, video, '字'.repeat(limits.danmakuMaxChars + 1), 0);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: `A danmaku must be at most ${limits.danmakuMaxChars} characters`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'content' }),
      }),
    ]);
    expect(await danmakuRows(video)).toEqual([]);
    const longest = '😀'.repeat(limits.danmakuMaxChars);
    expect((await send(viewer.token, video, longest, 0)).data?.sendDanmaku.content).toBe(longest);
  });

  it('refuses anonymous danmaku and danmaku over an unknown video', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const video = await seedVideo(stack, viewer.user.id, 'guarded', nextInstant());
    expect(errorCodes(await send(undefined, video, 'hi', 0))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await send(viewer.token, '999999999', 'hi', 0))).toEqual(['NOT_FOUND']);
    expect(await danmakuRows(video)).toEqual([]);
  });

  it('stores masked words masked, in comments and danmaku alike', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const video = await seedVideo(stack, viewer.user.id, 'masked', nextInstant());
    const text = '你个笨蛋 ＩＤＩＯＴ😀';
    const starred = '你个** *****😀';
    const comment = await graphql<{ addComment: { id: string; content: string } }>(
      stack.gatewayUrl,
      COMMENT,
      { video, content: text },
      { token: viewer.token },
    );
    expect(comment.data?.addComment.content).toBe(starred);
    expect((await send(viewer.token, video, text, 0)).data?.sendDanmaku.content).toBe(starred);

    const { db } = stack.subgraphs.interaction.mysql;
    const commentRows = await db
      .select({ content: comments.content })
      .from(comments)
      .where(eq(comments.videoId, Number(video)));
    expect(commentRows).toEqual([{ content: starred }]);
    expect(await danmakuRows(video)).toEqual([{ content: starred, atMs: 0 }]);
  });

  it('refuses blocked words in comments and danmaku, writing nothing', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const video = await seedVideo(stack, viewer.user.id, 'blocked', nextInstant());
    const text = '福利 加我微信 ok';
    const refusal = [
      expect.objectContaining({
        message: BLOCKED_MESSAGE,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'content' }),
      }),
    ];
    const comment = await graphql(
      stack.gatewayUrl,
      COMMENT,
      { video, content: text },
      { token: viewer.token },
    );
    expect(comment.errors).toEqual(refusal);
    expect((await send(viewer.token, video, text, 0)).errors).toEqual(refusal);

    const { db } = stack.subgraphs.interaction.mysql;
    expect(
      await db
        .select()
        .from(comments)
        .where(eq(comments.videoId, Number(video))),
    ).toEqual([]);
    expect(await danmakuRows(video)).toEqual([]);
    expect(await danmakuEvents(video)).toEqual([]);
    const counts = await graphql(
      stack.gatewayUrl,
      `
        query ($video: ID!) {
          video(id: $video) {
            commentCount
            danmaku {
              id
            }
          }
        }
      `,
      { video },
    );
    expect(counts.data).toEqual({ video: { commentCount: 0, danmaku: [] } });
  });

  it('costs a constant number of SQL queries for the danmaku of a feed page', async () => {
    const { db: userDb } = stack.subgraphs.user.mysql;
    const viewer = await seeder(stack.gatewayUrl).user();
    const budgetBase = base + 1_000_000;
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const [author] = await userDb
        .insert(users)
        .values({ username: uniqueName('dmk'), passwordHash: 'x', createdAt: new Date() });
      const video = await seedVideo(stack, author.insertId, `dmk ${i}`, new Date(budgetBase + i));
      ids.push(video);
      await send(viewer.token, video, `first of ${i}`, 0);
      await send(viewer.token, video, `second of ${i}`, 500);
    }
    const query = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
      edges { node { id title danmaku(fromMs: 0, toMs: 1000) { id content atMs author { id name } } } } } }`;
    interface DanmakuPage {
      feed: {
        edges: { node: { id: string; danmaku: { content: string; author: { id: string } }[] } }[];
      };
    }
    // the outbox relays poll through the same pools; their statements are no request's
    stack.subgraphs.video.mysql.queries.ignore = new RegExp(`\\b${getTableName(videoOutbox)}\\b`);
    stack.subgraphs.interaction.mysql.queries.ignore = new RegExp(
      `\\b${getTableName(interactionOutbox)}\\b`,
    );
    const sqlFor = async (first: number) => {
      // cold: the danmaku's author (the viewer) not from the user subgraph's per-process cache
      await stack.bumpCacheVersions([cacheKeys.user(viewer.user.id)]);
      for (const name of ['user', 'video', 'interaction'] as const)
        stack.subgraphs[name].mysql.queries.count = 0;
      const response = await graphql<DanmakuPage>(stack.gatewayUrl, query, {
        first,
        after: cursorBefore(budgetBase + 30),
      });
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.feed.edges.map((edge) => edge.node);
      expect(nodes).toHaveLength(first);
      for (const node of nodes) {
        const n = ids.indexOf(node.id);
        expect(node.danmaku).toEqual([
          expect.objectContaining({
            content: `first of ${n}`,
            author: { id: viewer.user.id, name: viewer.user.name },
          }),
          expect.objectContaining({ content: `second of ${n}` }),
        ]);
      }
      return {
        user: stack.subgraphs.user.mysql.queries.count,
        video: stack.subgraphs.video.mysql.queries.count,
        interaction: stack.subgraphs.interaction.mysql.queries.count,
      };
    };
    const thirty = await sqlFor(30);
    // video: the feed page; interaction: one UNION ALL of every video's window; user: the
    // danmaku authors IN (…)
    expect(thirty).toEqual({ user: 1, video: 1, interaction: 1 });
    expect(await sqlFor(5)).toEqual(thirty);
  });
});
