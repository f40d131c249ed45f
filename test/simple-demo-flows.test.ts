/**
 * The flows of the official simple-demo client's own tests (RaymondCode/simple-demo, test/*.go),
 * step for step through compat-rest: every call sends its params in the query and again as a
 * form body, ids are read back from JSON numbers, and a user that exists already logs in.
 */
import { seeder, uniqueName } from '@reel/testkit';
import { type DouyinBody, douyin, type Stack, startStack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // the official flows like and comment on the feed's first video: the feed must not be empty
  const author = await seeder(stack.gatewayUrl).user();
  await seeder(stack.gatewayUrl).video(author.token, { title: 'simple-demo flows' });
});
afterAll(() => stack.close());

type Params = Record<string, string | number>;
const asFields = (params: Params) =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));

/** As httpexpect sends them there: WithQuery(...) and WithFormField(...) with the same values. */
async function call(method: 'GET' | 'POST', route: string, params: Params = {}) {
  const client = douyin(stack.restUrl);
  const request = { query: asFields(params), form: asFields(params) };
  const response =
    method === 'GET' ? await client.get(route, request) : await client.post(route, request);
  expect(response.status).toBe(200);
  return response.body as DouyinBody & Record<string, unknown>;
}

/** getTestUserToken of common.go: register, or log in when the name is taken. */
async function testUserToken(user: string): Promise<{ userId: number; token: string }> {
  const registered = await call('POST', '/douyin/user/register/', {
    username: user,
    password: user,
  });
  if (typeof registered.token === 'string' && registered.token.length > 0)
    return { userId: registered.user_id as number, token: registered.token };
  const loggedIn = await call('POST', '/douyin/user/login/', { username: user, password: user });
  expect(typeof loggedIn.token === 'string' && loggedIn.token.length > 0).toBe(true);
  return { userId: loggedIn.user_id as number, token: loggedIn.token as string };
}

async function firstFeedVideoId(): Promise<number> {
  const feed = await call('GET', '/douyin/feed/');
  expect(feed.status_code).toBe(0);
  const videos = feed.video_list as { id: number }[];
  expect(videos.length).toBeGreaterThan(0);
  return videos[0]!.id;
}

// testUserA and testUserB of common.go, made unique per run: the names outlive a test database here
const testUserA = uniqueName('dtA');
const testUserB = uniqueName('dtB');

it('TestFavorite', async () => {
  const videoId = await firstFeedVideoId();
  const { userId, token } = await testUserToken(testUserA);

  const favorite = await call('POST', '/douyin/favorite/action/', {
    token,
    video_id: videoId,
    action_type: 1,
  });
  expect(favorite.status_code).toBe(0);

  const favoriteList = await call('GET', '/douyin/favorite/list/', { token, user_id: userId });
  expect(favoriteList.status_code).toBe(0);
  const videos = favoriteList.video_list as Record<string, unknown>[];
  for (const video of videos) {
    expect(video).toHaveProperty('id');
    expect(video).toHaveProperty('author');
    expect(video.play_url).toEqual(expect.stringMatching(/.+/));
    expect(video.cover_url).toEqual(expect.stringMatching(/.+/));
  }
  // beyond the official test, which only checks shapes: the like is there, counted
  expect(videos.map((video) => video.id)).toContain(videoId);
  expect(videos.find((video) => video.id === videoId)).toMatchObject({
    is_favorite: true,
    favorite_count: 1,
  });
});

it('TestComment', async () => {
  const videoId = await firstFeedVideoId();
  const { token } = await testUserToken(testUserA);

  const added = await call('POST', '/douyin/comment/action/', {
    token,
    video_id: videoId,
    action_type: 1,
    comment_text: '测试评论',
  });
  expect(added.status_code).toBe(0);
  const commentId = (added.comment as { id: number }).id;
  expect(commentId).toBeGreaterThan(0);

  const list = await call('GET', '/douyin/comment/list/', { token, video_id: videoId });
  expect(list.status_code).toBe(0);
  const comments = list.comment_list as Record<string, unknown>[];
  for (const comment of comments) {
    expect(comment).toHaveProperty('id');
    expect(comment).toHaveProperty('user');
    expect(comment.content).toEqual(expect.stringMatching(/.+/));
    expect(comment.create_date).toEqual(expect.stringMatching(/.+/));
  }
  expect(comments.map((comment) => comment.id)).toContain(commentId);

  const deleted = await call('POST', '/douyin/comment/action/', {
    token,
    video_id: videoId,
    action_type: 2,
    comment_id: commentId,
  });
  expect(deleted.status_code).toBe(0);
  // beyond the official test: the comment is gone from the list
  const after = await call('GET', '/douyin/comment/list/', { token, video_id: videoId });
  expect((after.comment_list as { id: number }[]).map((comment) => comment.id)).not.toContain(
    commentId,
  );
});

it('TestRelation', async () => {
  const { userId: userIdA, token: tokenA } = await testUserToken(testUserA);
  const { userId: userIdB, token: tokenB } = await testUserToken(testUserB);

  const relation = await call('POST', '/douyin/relation/action/', {
    token: tokenA,
    to_user_id: userIdB,
    action_type: 1,
  });
  expect(relation.status_code).toBe(0);

  const followList = await call('GET', '/douyin/relation/follow/list/', {
    token: tokenA,
    user_id: userIdA,
  });
  expect(followList.status_code).toBe(0);
  const following = followList.user_list as Record<string, unknown>[];
  for (const user of following) expect(user).toHaveProperty('id');
  expect(following.map((user) => user.id)).toContain(userIdB);

  const followerList = await call('GET', '/douyin/relation/follower/list/', {
    token: tokenB,
    user_id: userIdB,
  });
  expect(followerList.status_code).toBe(0);
  const followers = followerList.user_list as Record<string, unknown>[];
  for (const user of followers) expect(user).toHaveProperty('id');
  expect(followers.map((user) => user.id)).toContain(userIdA);
  // beyond the official test, which runs it on every run: a repeat follow succeeds, counted once
  const again = await call('POST', '/douyin/relation/action/', {
    token: tokenA,
    to_user_id: userIdB,
    action_type: 1,
  });
  expect(again.status_code).toBe(0);
  const user = await call('GET', '/douyin/user/', { token: tokenA, user_id: userIdB });
  expect(user.user).toMatchObject({ follower_count: 1, is_follow: true });
});

it('TestChat', async () => {
  const { userId: userIdA, token: tokenA } = await testUserToken(testUserA);
  const { userId: userIdB, token: tokenB } = await testUserToken(testUserB);

  // TestChat's one odd request: content twice in the query (WithQuery twice), not in the body
  const query = new URLSearchParams({
    token: tokenA,
    to_user_id: String(userIdB),
    action_type: '1',
    content: 'Send to UserB',
  });
  query.append('content', 'Send to UserB');
  const form = asFields({ token: tokenA, to_user_id: userIdB, action_type: 1 });
  const sent = await douyin(stack.restUrl).post(`/douyin/message/action/?${query}`, { form });
  expect(sent.status).toBe(200);
  expect(sent.body.status_code).toBe(0);

  for (const [token, peer] of [
    [tokenA, userIdB],
    [tokenB, userIdA],
  ] as const) {
    const chat = await call('GET', '/douyin/message/chat/', { token, to_user_id: peer });
    expect(chat.status_code).toBe(0);
    expect((chat.message_list as unknown[]).length).toBeGreaterThan(0);
    // beyond the official test: the message itself, once, from A to B, with an epoch-ms number
    expect(chat.message_list).toEqual([
      {
        id: expect.any(Number),
        from_user_id: userIdA,
        to_user_id: userIdB,
        content: 'Send to UserB',
        create_time: expect.any(Number),
      },
    ]);
  }
});
