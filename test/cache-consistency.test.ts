/**
 * The caches' consistency (README "Caches and consistency"), across two instances of the whole
 * stack sharing one database, Redis and namespace, each with its own in-process caches: once a
 * like, comment, follow or publish has returned on one, the very next read on the other shows
 * it, with no sleep and no retry; and a logged-in page never carries another viewer's flags.
 * Both doors: compat-rest's /douyin/feed/ pages and the gateway's GraphQL `feed`.
 */
import { graphql, seeder, type SeededUser } from '@reel/testkit';
import {
  douyin,
  type DouyinClient,
  expectDouyinOk,
  seedVideo,
  type Stack,
  type StackReplica,
  startStack,
  writeAs,
} from './harness';

let stack: Stack;
let replica: StackReplica;
let one: DouyinClient; // compat-rest of the first instance
let two: DouyinClient; // compat-rest of the replica

beforeAll(async () => {
  stack = await startStack();
  replica = await stack.startReplica();
  one = douyin(stack.restUrl);
  two = douyin(replica.restUrl);
});
afterAll(() => stack.close());

interface FeedVideo {
  id: number;
  favorite_count: number;
  comment_count: number;
  is_favorite: boolean;
  title: string;
  author: { id: number; follower_count: number; is_follow: boolean; work_count: number };
}
interface FeedBody {
  status_code: number;
  video_list: FeedVideo[];
  next_time: number;
}

async function newestPage(client: DouyinClient, viewer?: SeededUser): Promise<FeedVideo[]> {
  const response = await client.get<FeedBody>('/douyin/feed/', {
    query: viewer ? { token: viewer.token } : {},
  });
  expectDouyinOk(response, { video_list: expect.any(Array), next_time: expect.any(Number) });
  return response.body.video_list;
}

async function videoOnNewestPage(
  client: DouyinClient,
  videoId: string,
  viewer?: SeededUser,
): Promise<FeedVideo> {
  const video = (await newestPage(client, viewer)).find((v) => v.id === Number(videoId));
  if (!video) throw new Error(`video ${videoId} is not on the newest page`);
  return video;
}

async function act(client: DouyinClient, route: string, form: Record<string, string>) {
  const response = await client.post(route, { form });
  expect(response.body).toMatchObject({ status_code: 0 });
}

/** A fresh author with a fresh newest video, and both instances' caches warm with it. */
async function warmVideo(): Promise<{ author: SeededUser; videoId: string }> {
  const author = await seeder(stack.gatewayUrl).user();
  const videoId = await seedVideo(stack, author.user.id, 'cached', new Date());
  for (const client of [one, two]) {
    await videoOnNewestPage(client, videoId);
    await videoOnNewestPage(client, videoId);
  }
  return { author, videoId };
}

describe('read-your-writes across two instances', () => {
  it('serves the newest page from the cache while nothing changes (so the checks below read a cache)', async () => {
    await warmVideo();
    const { pages } = stack.rest.feedPages;
    const before = { loads: pages.loads, hits: pages.hits };
    await newestPage(one);
    await newestPage(one);
    expect({ loads: pages.loads - before.loads, hits: pages.hits - before.hits }).toEqual({
      loads: 0,
      hits: 2,
    });
  });

  it('a like on one instance is in the next page read on the other, counts and flag', async () => {
    const { author, videoId } = await warmVideo();
    const liker = await seeder(stack.gatewayUrl).user();
    await act(one, '/douyin/favorite/action/', {
      token: liker.token,
      video_id: videoId,
      action_type: '1',
    });
    expect(await videoOnNewestPage(two, videoId)).toMatchObject({
      favorite_count: 1,
      is_favorite: false,
      author: { id: Number(author.user.id) },
    });
    expect(await videoOnNewestPage(two, videoId, liker)).toMatchObject({
      favorite_count: 1,
      is_favorite: true,
    });
    await act(two, '/douyin/favorite/action/', {
      token: liker.token,
      video_id: videoId,
      action_type: '2',
    });
    expect(await videoOnNewestPage(one, videoId, liker)).toMatchObject({
      favorite_count: 0,
      is_favorite: false,
    });
  });

  it('a comment on one instance is counted in the next page read on the other', async () => {
    const { videoId } = await warmVideo();
    const commenter = await seeder(stack.gatewayUrl).user();
    await act(two, '/douyin/comment/action/', {
      token: commenter.token,
      video_id: videoId,
      action_type: '1',
      comment_text: 'first',
    });
    expect(await videoOnNewestPage(one, videoId)).toMatchObject({ comment_count: 1 });
  });

  it('a follow on one instance is in the next page read on the other, count and flag', async () => {
    const { author, videoId } = await warmVideo();
    const follower = await seeder(stack.gatewayUrl).user();
    await act(one, '/douyin/relation/action/', {
      token: follower.token,
      to_user_id: author.user.id,
      action_type: '1',
    });
    expect((await videoOnNewestPage(two, videoId)).author).toMatchObject({
      follower_count: 1,
      is_follow: false,
    });
    expect((await videoOnNewestPage(two, videoId, follower)).author).toMatchObject({
      follower_count: 1,
      is_follow: true,
    });
  });

  it('a publish on one instance is the newest video of the next page read on the other', async () => {
    const { author } = await warmVideo();
    const published = await seeder(replica.gatewayUrl).video(author.token, { title: 'just now' });
    const [newest] = await newestPage(one);
    expect(newest).toMatchObject({
      id: Number(published.id),
      title: 'just now',
      author: { id: Number(author.user.id), work_count: 2 },
    });
  });
});

describe('viewer flags are never shared', () => {
  it("one viewer's is_favorite and is_follow never reach another viewer or an anonymous read", async () => {
    const { author, videoId } = await warmVideo();
    const fan = await seeder(stack.gatewayUrl).user();
    const stranger = await seeder(stack.gatewayUrl).user();
    await act(one, '/douyin/favorite/action/', {
      token: fan.token,
      video_id: videoId,
      action_type: '1',
    });
    await act(one, '/douyin/relation/action/', {
      token: fan.token,
      to_user_id: author.user.id,
      action_type: '1',
    });
    // the fan first, so the page cached after the writes is built on the fan's request
    const asFan = await videoOnNewestPage(one, videoId, fan);
    const asStranger = await videoOnNewestPage(one, videoId, stranger);
    const anonymous = await videoOnNewestPage(one, videoId);
    expect(asFan).toMatchObject({ is_favorite: true, author: { is_follow: true } });
    for (const other of [asStranger, anonymous])
      expect(other).toMatchObject({
        favorite_count: 1,
        is_favorite: false,
        author: { follower_count: 1, is_follow: false },
      });
  });
});

describe('the GraphQL feed: read-your-writes across two gateways', () => {
  // the fields compat-rest asks, a user's name beside them; a page built for nobody in particular
  const FEED = `query Feed { feed(first: 30) { edges { node {
    id title favoriteCount commentCount isFavorite
    author { id name followerCount workCount isFollow } } } } }`;
  interface GraphqlVideo {
    id: string;
    title: string;
    favoriteCount: number;
    commentCount: number;
    isFavorite: boolean;
    author: { id: string; followerCount: number; workCount: number; isFollow: boolean };
  }

  async function graphqlPage(gatewayUrl: string, viewer?: SeededUser): Promise<GraphqlVideo[]> {
    const response = await graphql<{ feed: { edges: { node: GraphqlVideo }[] } }>(
      gatewayUrl,
      FEED,
      {},
      { token: viewer?.token },
    );
    expect(response).toMatchObject({ status: 200, data: { feed: { edges: expect.any(Array) } } });
    expect(response.errors).toBeUndefined();
    return response.data!.feed.edges.map((edge) => edge.node);
  }

  async function graphqlVideo(gatewayUrl: string, videoId: string, viewer?: SeededUser) {
    const video = (await graphqlPage(gatewayUrl, viewer)).find((v) => v.id === videoId);
    if (!video) throw new Error(`video ${videoId} is not on the newest GraphQL page`);
    return video;
  }

  const gateways = () => [stack.gatewayUrl, replica.gatewayUrl];

  /** A fresh author with a fresh newest video, and both gateways' feed caches warm with it. */
  async function warmGraphqlVideo(): Promise<{ author: SeededUser; videoId: string }> {
    const author = await seeder(stack.gatewayUrl).user();
    const videoId = await seedVideo(stack, author.user.id, 'cached', new Date());
    // twice: a cold key's first load learns the page's keys, the second builds the entry
    for (const url of gateways()) {
      await graphqlVideo(url, videoId);
      await graphqlVideo(url, videoId);
    }
    return { author, videoId };
  }

  it('answers the anonymous feed from the cache while nothing changes (so the checks below read a cache)', async () => {
    await warmGraphqlVideo();
    for (const cache of [stack.gatewayFeedCache, replica.gatewayFeedCache]) {
      const before = { loads: cache.loads, hits: cache.hits };
      const url = cache === stack.gatewayFeedCache ? stack.gatewayUrl : replica.gatewayUrl;
      await graphqlPage(url);
      await graphqlPage(url);
      expect({ loads: cache.loads - before.loads, hits: cache.hits - before.hits }).toEqual({
        loads: 0,
        hits: 2,
      });
    }
  });

  it('a like on one gateway is in the next feed read on the other, count and flag', async () => {
    const { videoId } = await warmGraphqlVideo();
    const liker = await seeder(stack.gatewayUrl).user();
    await writeAs(stack.gatewayUrl, liker, 'like', videoId);
    expect(await graphqlVideo(replica.gatewayUrl, videoId)).toMatchObject({
      favoriteCount: 1,
      isFavorite: false,
    });
    expect(await graphqlVideo(replica.gatewayUrl, videoId, liker)).toMatchObject({
      favoriteCount: 1,
      isFavorite: true,
    });
    await writeAs(replica.gatewayUrl, liker, 'unlike', videoId);
    expect(await graphqlVideo(stack.gatewayUrl, videoId)).toMatchObject({ favoriteCount: 0 });
  });

  it('a comment on one gateway is counted in the next feed read on the other', async () => {
    const { videoId } = await warmGraphqlVideo();
    const commenter = await seeder(stack.gatewayUrl).user();
    await writeAs(replica.gatewayUrl, commenter, 'comment', videoId);
    expect(await graphqlVideo(stack.gatewayUrl, videoId)).toMatchObject({ commentCount: 1 });
  });

  it('a follow on one gateway is in the next feed read on the other, count and flag', async () => {
    const { author, videoId } = await warmGraphqlVideo();
    const follower = await seeder(stack.gatewayUrl).user();
    await writeAs(stack.gatewayUrl, follower, 'follow', author.user.id);
    expect((await graphqlVideo(replica.gatewayUrl, videoId)).author).toMatchObject({
      followerCount: 1,
      isFollow: false,
    });
    expect((await graphqlVideo(replica.gatewayUrl, videoId, follower)).author).toMatchObject({
      followerCount: 1,
      isFollow: true,
    });
  });

  it('a publish on one gateway is the newest video of the next feed read on the other', async () => {
    const { author } = await warmGraphqlVideo();
    const published = await seeder(replica.gatewayUrl).video(author.token, { title: 'just now' });
    const [newest] = await graphqlPage(stack.gatewayUrl);
    expect(newest).toMatchObject({
      id: published.id,
      title: 'just now',
      author: { id: author.user.id, workCount: 2 },
    });
  });

  it("never serves one viewer's isFavorite or isFollow to another viewer or an anonymous read", async () => {
    const { author, videoId } = await warmGraphqlVideo();
    const fan = await seeder(stack.gatewayUrl).user();
    const stranger = await seeder(stack.gatewayUrl).user();
    await writeAs(stack.gatewayUrl, fan, 'like', videoId);
    await writeAs(stack.gatewayUrl, fan, 'follow', author.user.id);
    const cache = stack.gatewayFeedCache;
    const before = { loads: cache.loads, hits: cache.hits };
    // the fan first: had the fan's page been stored, the stranger's read would be served it
    const asFan = await graphqlVideo(stack.gatewayUrl, videoId, fan);
    const asStranger = await graphqlVideo(stack.gatewayUrl, videoId, stranger);
    // a viewer's read neither reads nor fills the cache
    expect({ loads: cache.loads - before.loads, hits: cache.hits - before.hits }).toEqual({
      loads: 0,
      hits: 0,
    });
    const anonymous = await graphqlVideo(stack.gatewayUrl, videoId);
    // and the anonymous page now cached reaches no viewer
    const asFanAgain = await graphqlVideo(stack.gatewayUrl, videoId, fan);
    for (const fans of [asFan, asFanAgain])
      expect(fans).toMatchObject({ isFavorite: true, author: { isFollow: true } });
    for (const other of [asStranger, anonymous])
      expect(other).toMatchObject({
        favoriteCount: 1,
        isFavorite: false,
        author: { followerCount: 1, isFollow: false },
      });
  });
});
