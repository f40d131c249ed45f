import { users } from '@reel/user-subgraph/db/schema';
import { videos } from '@reel/video-subgraph/db/schema';
import {
  graphql,
  makeVideo,
  publishMutation,
  seeder,
  uniqueName,
  uploadGraphql,
} from '@reel/testkit';
import { fakeVideoRow, type Stack, startStack } from './harness';

interface FeedVideo {
  id: string;
  createdAtMs: number;
}
interface FeedPage {
  feed: { videos: FeedVideo[]; nextTime: number };
}

const FEED =
  'query ($latestTime: Float, $first: Int) { feed(latestTime: $latestTime, first: $first) { videos { id createdAtMs } nextTime } }';

describe.each(['remote', 'in-process'])('the feed, subgraphs %s', (topology) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  it('pages newest first across several pages without repeating or skipping, even for simultaneous publishes', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const clip = await makeVideo({ seconds: 1, width: 160, height: 120 });
    const publish = async (title: string) => {
      const response = await uploadGraphql<{ publishVideo: FeedVideo }>(
        stack.gatewayUrl,
        { query: publishMutation, variables: { title }, file: clip },
        { token: author.token },
      );
      if (!response.body.data) throw new Error(JSON.stringify(response.body.errors));
      return response.body.data.publishVideo;
    };
    const published: FeedVideo[] = [];
    for (let i = 0; i < 4; i += 1) published.push(await publish(`sequential ${i}`));
    // published in the same instant: each still gets a millisecond of its own
    published.push(
      ...(await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => publish(`simultaneous ${i}`)))),
    );
    expect(new Set(published.map((video) => video.createdAtMs)).size).toBe(12);

    const mine = new Set(published.map((video) => video.id));
    const newestFirst = [...published]
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .map((video) => video.id);
    const seen: FeedVideo[] = [];
    let latestTime = Math.max(...published.map((video) => video.createdAtMs)) + 1;
    let pages = 0;
    while (seen.filter((video) => mine.has(video.id)).length < mine.size) {
      const page = await graphql<FeedPage>(stack.gatewayUrl, FEED, { latestTime, first: 3 });
      const { videos: pageVideos, nextTime } = page.data!.feed;
      expect(pageVideos.length).toBeGreaterThan(0);
      expect(nextTime).toBe(pageVideos.at(-1)!.createdAtMs);
      seen.push(...pageVideos);
      latestTime = nextTime; // what the app does: echo next_time as latest_time
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((video) => video.id)).size).toBe(seen.length);
    expect(seen.map((video) => video.createdAtMs)).toEqual(
      [...seen.map((video) => video.createdAtMs)].sort((a, b) => b - a),
    );
    expect(seen.filter((video) => mine.has(video.id)).map((video) => video.id)).toEqual(
      newestFirst,
    );
  });

  it('answers an empty page with [] and now as nextTime, and takes seconds as well as ms', async () => {
    const before = Date.now();
    const empty = await graphql<FeedPage>(stack.gatewayUrl, FEED, { latestTime: 1 });
    expect(empty.data?.feed.videos).toEqual([]);
    expect(empty.data!.feed.nextTime).toBeGreaterThanOrEqual(before);

    const newest = (await graphql<FeedPage>(stack.gatewayUrl, FEED, { first: 1 })).data!.feed
      .videos[0]!;
    const inSeconds = await graphql<FeedPage>(stack.gatewayUrl, FEED, {
      latestTime: Math.ceil((newest.createdAtMs + 1000) / 1000),
      first: 1,
    });
    const inMs = await graphql<FeedPage>(stack.gatewayUrl, FEED, {
      latestTime: newest.createdAtMs + 1000,
      first: 1,
    });
    const zero = await graphql<FeedPage>(stack.gatewayUrl, FEED, { latestTime: 0, first: 1 });
    expect([inSeconds, inMs, zero].map((page) => page.data?.feed.videos[0]?.id)).toEqual([
      newest.id,
      newest.id,
      newest.id,
    ]);
  });

  it("is ready, and reports every subgraph's checks the same way wherever it runs", async () => {
    const ready = await (await fetch(`${stack.gatewayUrl}/readyz`)).json();
    expect(ready).toEqual({
      status: 'ready',
      service: 'gateway',
      checks: { supergraph: 'ok', subgraphs: 'ok' },
      subgraphs: { 'user.mysql': 'ok', 'user.redis': 'ok', 'video.mysql': 'ok' },
    });
  });

  it.each([0, 31, -1])('refuses a page size of %i', async (first) => {
    const response = await graphql(stack.gatewayUrl, FEED, { first });
    expect(response.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 30',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('costs a constant number of SQL queries per subgraph, whatever the page size', async () => {
    // 30 authors with a video each, far in the past so this test's page is only its own rows
    const { db: userDb } = stack.subgraphs.user.mysql;
    const { db: videoDb } = stack.subgraphs.video.mysql;
    const base = Date.UTC(topology === 'remote' ? 2001 : 2002, 0, 1);
    for (let i = 0; i < 30; i += 1) {
      const [user] = await userDb
        .insert(users)
        .values({ username: uniqueName('sql'), passwordHash: 'x', createdAt: new Date() });
      await videoDb
        .insert(videos)
        .values(fakeVideoRow(user.insertId, `budget ${i}`, new Date(base + i)));
    }
    const query = `query ($latestTime: Float, $first: Int) { feed(latestTime: $latestTime, first: $first) {
      videos { id title playUrl coverUrl createdAtMs author { id name avatar backgroundImage signature workCount } } nextTime } }`;
    const sqlFor = async (first: number) => {
      stack.subgraphs.user.mysql.queries.count = 0;
      stack.subgraphs.video.mysql.queries.count = 0;
      const response = await graphql<{ feed: { videos: { author: { workCount: number } }[] } }>(
        stack.gatewayUrl,
        query,
        { latestTime: base + 30, first },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.feed.videos).toHaveLength(first);
      expect(response.data?.feed.videos.every((video) => video.author.workCount === 1)).toBe(true);
      return {
        user: stack.subgraphs.user.mysql.queries.count,
        video: stack.subgraphs.video.mysql.queries.count,
      };
    };
    const thirty = await sqlFor(30);
    expect(thirty).toEqual({ user: 1, video: 2 }); // users IN (…); videos page + work counts IN (…)
    expect(await sqlFor(5)).toEqual(thirty);
  });
});
