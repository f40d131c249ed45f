import { eq } from 'drizzle-orm';
import { comments, favorites } from '@reel/interaction-subgraph/db/schema';
import { seeder, type SeededUser } from '@reel/testkit';
import { seedVideo, type Stack, startStack } from './harness';

type Fields = Record<string, string>;
type Body = Record<string, unknown>;

let stack: Stack;
let instant = 0;
// this file's videos at instants of their own, far in the past, newest last
const nextInstant = () => new Date(Date.UTC(2005, 0, 1) + instant++);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** As the official tests send every call: params in the query and again as a form body. */
async function call(method: 'GET' | 'POST', path: string, params: Fields): Promise<Body> {
  const url = new URL(path, stack.restUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.append(key, value);
  const response = await fetch(url, {
    method,
    ...(method === 'POST'
      ? {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(params).toString(),
        }
      : {}),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

const users = () => seeder(stack.gatewayUrl);
const likesOf = async (videoId: string) =>
  stack.subgraphs.interaction.mysql.db
    .select()
    .from(favorites)
    .where(eq(favorites.videoId, Number(videoId)));
const commentsOf = async (videoId: string) =>
  stack.subgraphs.interaction.mysql.db
    .select()
    .from(comments)
    .where(eq(comments.videoId, Number(videoId)));

const douyinUser = (
  seeded: SeededUser,
  counts: { favorite_count: number; total_favorited: number; work_count: number },
) => ({
  id: Number(seeded.user.id),
  name: seeded.user.name,
  follow_count: 0,
  follower_count: 0,
  is_follow: false,
  avatar: expect.stringMatching(/^http/),
  background_image: expect.stringMatching(/^http/),
  signature: '',
  ...counts,
});

describe('/douyin/favorite/', () => {
  it('likes (twice: still one like), lists the liked video with real counts, and unlikes', async () => {
    const [author, fan] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'bear', nextInstant());
    const like = { token: fan.token, video_id: video, action_type: '1' };

    expect(await call('POST', '/douyin/favorite/action/', like)).toEqual({
      status_code: 0,
      status_msg: 'success',
    });
    expect(await call('POST', '/douyin/favorite/action/', like)).toMatchObject({ status_code: 0 });
    expect(await likesOf(video)).toHaveLength(1);

    const listed = await call('GET', '/douyin/favorite/list/', {
      token: fan.token,
      user_id: fan.user.id,
    });
    expect(listed).toEqual({
      status_code: 0,
      status_msg: 'success',
      video_list: [
        {
          id: Number(video),
          author: douyinUser(author, { favorite_count: 0, total_favorited: 1, work_count: 1 }),
          play_url: expect.stringMatching(/^http/),
          cover_url: expect.stringMatching(/^http/),
          favorite_count: 1,
          comment_count: 0,
          is_favorite: true,
          title: 'bear',
        },
      ],
    });
    // a guest sees the same list, without the flag
    expect(await call('GET', '/douyin/favorite/list/', { user_id: fan.user.id })).toMatchObject({
      video_list: [{ id: Number(video), favorite_count: 1, is_favorite: false }],
    });
    expect(
      await call('GET', '/douyin/user/', { token: fan.token, user_id: fan.user.id }),
    ).toMatchObject({ user: { favorite_count: 1, total_favorited: 0 } });
    expect(
      await call('GET', '/douyin/publish/list/', { token: fan.token, user_id: author.user.id }),
    ).toMatchObject({
      video_list: [{ id: Number(video), favorite_count: 1, is_favorite: true }],
    });

    const unlike = { ...like, action_type: '2' };
    expect(await call('POST', '/douyin/favorite/action/', unlike)).toMatchObject({
      status_code: 0,
    });
    expect(await call('POST', '/douyin/favorite/action/', unlike)).toMatchObject({
      status_code: 0,
    });
    expect(await call('GET', '/douyin/favorite/list/', { user_id: fan.user.id })).toEqual({
      status_code: 0,
      status_msg: 'success',
      video_list: [],
    });
    expect(
      await call('GET', '/douyin/user/', { token: author.token, user_id: author.user.id }),
    ).toMatchObject({ user: { favorite_count: 0, total_favorited: 0 } });
  });

  it.each([
    [
      'an action_type other than 1 or 2',
      { action_type: '3' },
      400,
      'action_type must be 1 (like) or 2 (unlike)',
    ],
    [
      'no action_type',
      { action_type: undefined },
      400,
      'action_type must be 1 (like) or 2 (unlike)',
    ],
    ['no video_id', { video_id: undefined }, 400, 'video_id is missing or not a valid id'],
    ['an unknown video_id', { video_id: '999999' }, 404, 'No such video'],
    ['no token', { token: undefined }, 401, 'The token parameter is missing; log in first'],
    ['a bad token', { token: 'not-a-jwt' }, 401, 'The token is invalid; log in again'],
  ])(
    'refuses %s with a readable status_msg, writing nothing',
    async (_case, change, code, message) => {
      const fan = await users().user();
      const video = await seedVideo(stack, fan.user.id, 'untouched', nextInstant());
      const params: Fields = {};
      for (const [key, value] of Object.entries({
        token: fan.token,
        video_id: video,
        action_type: '1',
        ...change,
      }))
        if (value !== undefined) params[key] = value;

      expect(await call('POST', '/douyin/favorite/action/', params)).toEqual({
        status_code: code,
        status_msg: message,
      });
      expect(await likesOf(video)).toEqual([]);
    },
  );
});

describe('/douyin/comment/', () => {
  it('posts a comment and answers it, lists comments newest first, and deletes one', async () => {
    const [author, writer] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'talked about', nextInstant());
    const post = (text: string) =>
      call('POST', '/douyin/comment/action/', {
        token: writer.token,
        video_id: video,
        action_type: '1',
        comment_text: text,
      });

    const first = await post('测试评论');
    expect(first).toEqual({
      status_code: 0,
      status_msg: 'success',
      comment: {
        id: expect.any(Number),
        user: douyinUser(writer, { favorite_count: 0, total_favorited: 0, work_count: 0 }),
        content: '测试评论',
        create_date: expect.stringMatching(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/),
      },
    });
    const second = await post('second');
    const ids = [second, first].map((answer) => (answer.comment as { id: number }).id);

    const listed = await call('GET', '/douyin/comment/list/', {
      token: writer.token,
      video_id: video,
    });
    expect(listed).toEqual({
      status_code: 0,
      status_msg: 'success',
      comment_list: [
        expect.objectContaining({ id: ids[0], content: 'second' }),
        expect.objectContaining({ id: ids[1], content: '测试评论' }),
      ],
    });
    expect(await call('GET', '/douyin/publish/list/', { user_id: author.user.id })).toMatchObject({
      video_list: [{ id: Number(video), comment_count: 2 }],
    });

    expect(
      await call('POST', '/douyin/comment/action/', {
        token: writer.token,
        video_id: video,
        action_type: '2',
        comment_id: String(ids[1]),
      }),
    ).toEqual({ status_code: 0, status_msg: 'success', comment: null });
    expect(await call('GET', '/douyin/comment/list/', { video_id: video })).toMatchObject({
      comment_list: [{ id: ids[0] }],
    });
    expect(await call('GET', '/douyin/publish/list/', { user_id: author.user.id })).toMatchObject({
      video_list: [{ id: Number(video), comment_count: 1 }],
    });
  });

  it("refuses to delete someone else's comment, which stays", async () => {
    const [writer, stranger] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, writer.user.id, 'mine', nextInstant());
    const posted = await call('POST', '/douyin/comment/action/', {
      token: writer.token,
      video_id: video,
      action_type: '1',
      comment_text: 'keep me',
    });
    const id = String((posted.comment as { id: number }).id);

    expect(
      await call('POST', '/douyin/comment/action/', {
        token: stranger.token,
        video_id: video,
        action_type: '2',
        comment_id: id,
      }),
    ).toEqual({
      status_code: 403,
      status_msg: "Only a comment's author or the video's author may delete it",
      comment: null,
    });
    expect((await commentsOf(video)).map((row) => String(row.id))).toEqual([id]);
  });

  it.each([
    [
      'an action_type other than 1 or 2',
      { action_type: '0' },
      400,
      'action_type must be 1 (post a comment) or 2 (delete a comment)',
    ],
    ['an empty comment_text', { comment_text: '   ' }, 400, 'A comment must not be empty'],
    ['no comment_text', { comment_text: undefined }, 400, 'A comment must not be empty'],
    ['no video_id', { video_id: undefined }, 400, 'video_id is missing or not a valid id'],
    ['an unknown video_id', { video_id: '999999' }, 404, 'No such video'],
    [
      'a delete without comment_id',
      { action_type: '2' },
      400,
      'comment_id is missing or not a valid id',
    ],
    [
      'a delete of an unknown comment',
      { action_type: '2', comment_id: '999999' },
      404,
      'No such comment',
    ],
    ['no token', { token: undefined }, 401, 'The token parameter is missing; log in first'],
  ])(
    'refuses %s with a readable status_msg, writing nothing',
    async (_case, change, code, message) => {
      const writer = await users().user();
      const video = await seedVideo(stack, writer.user.id, 'quiet', nextInstant());
      const params: Fields = {};
      for (const [key, value] of Object.entries({
        token: writer.token,
        video_id: video,
        action_type: '1',
        comment_text: 'hello',
        ...change,
      }))
        if (value !== undefined) params[key] = value;

      expect(await call('POST', '/douyin/comment/action/', params)).toEqual({
        status_code: code,
        status_msg: message,
        comment: null,
      });
      expect(await commentsOf(video)).toEqual([]);
    },
  );

  it('answers the list of an unknown video as not found, and of a missing video_id as bad input', async () => {
    expect(await call('GET', '/douyin/comment/list/', { video_id: '999999' })).toEqual({
      status_code: 404,
      status_msg: 'Video not found',
      comment_list: [],
    });
    expect(await call('GET', '/douyin/comment/list/', {})).toEqual({
      status_code: 400,
      status_msg: 'video_id is missing or not a valid id',
      comment_list: [],
    });
  });
});
