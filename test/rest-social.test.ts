import { eq, getTableName, or } from 'drizzle-orm';
import { issueToken } from '@reel/common';
import { BLOCKED_MESSAGE } from '@reel/moderation';
import type { DouyinFriendUser } from '@reel/compat-rest/endpoints/friend-list';
import type { DouyinMessage } from '@reel/compat-rest/endpoints/message-chat';
import { follows, messages, socialOutbox } from '@reel/social-subgraph/db/schema';
import { users as userRows } from '@reel/user-subgraph/db/schema';
import { videoOutbox } from '@reel/video-subgraph/db/schema';
import { graphql, seeder, type SeededUser, uniqueName } from '@reel/testkit';
import {
  douyin,
  type DouyinBody,
  type DouyinClient,
  douyinUser,
  expectDouyinError,
  expectDouyinOk,
  type Stack,
  startStack,
} from './harness';

type Fields = Record<string, string>;

const MISSING_USER_ID = '987654321'; // no account has it: this stack's database is its own

interface UserList extends DouyinBody {
  user_list: DouyinFriendUser[];
}
interface Chat extends DouyinBody {
  message_list: DouyinMessage[];
}

describe.each(['remote', 'in-process'])(
  '/douyin/relation/ and /douyin/message/, subgraphs %s',
  (topology) => {
    let stack: Stack;
    let rest: DouyinClient;
    beforeAll(async () => {
      stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
      rest = douyin(stack.restUrl);
    });
    afterAll(() => stack.close());

    const users = () => seeder(stack.gatewayUrl);
    // as the official tests send every call: params in the query and again as a form body
    const post = (path: string, params: Fields) => rest.post(path, { query: params, form: params });
    const get = <T = DouyinBody>(path: string, params: Fields) =>
      rest.get<T>(path, { query: params, form: params });
    const social = () => stack.subgraphs.social.mysql.db;
    const followRows = (follower: SeededUser) =>
      social()
        .select({ followeeId: follows.followeeId })
        .from(follows)
        .where(eq(follows.followerId, Number(follower.user.id)));
    const messagesOf = (user: SeededUser) =>
      social()
        .select({ id: messages.id })
        .from(messages)
        .where(
          or(
            eq(messages.fromUserId, Number(user.user.id)),
            eq(messages.toUserId, Number(user.user.id)),
          ),
        );

    /** A douyin User as someone sees `seeded`: what the test pins, the rest of a new account. */
    const shown = (seeded: SeededUser, known: Partial<DouyinFriendUser> = {}) =>
      douyinUser({
        id: Number(seeded.user.id),
        name: seeded.user.name,
        follow_count: 0,
        follower_count: 0,
        is_follow: false,
        total_favorited: 0,
        work_count: 0,
        favorite_count: 0,
        ...known,
      });

    describe('relations', () => {
      it('follows (twice: still once), lists both sides with real counts and is_follow, and unfollows (twice)', async () => {
        const [fan, star] = [await users().user(), await users().user()];
        const follow = { token: fan.token, to_user_id: star.user.id, action_type: '1' };

        expectDouyinOk(await post('/douyin/relation/action/', follow));
        expectDouyinOk(await post('/douyin/relation/action/', follow));
        expect(await followRows(fan)).toEqual([{ followeeId: Number(star.user.id) }]);

        expectDouyinOk(
          await get('/douyin/relation/follow/list/', { token: fan.token, user_id: fan.user.id }),
          { user_list: [shown(star, { follower_count: 1, is_follow: true })] },
        );
        // a guest, the followee, and the follower see the follower list each with their own is_follow
        const followers = { user_id: star.user.id };
        expectDouyinOk(await get('/douyin/relation/follower/list/', followers), {
          user_list: [shown(fan, { follow_count: 1 })],
        });
        expectDouyinOk(
          await get('/douyin/relation/follower/list/', { ...followers, token: star.token }),
          { user_list: [shown(fan, { follow_count: 1 })] },
        );
        expectDouyinOk(await get('/douyin/user/', { token: fan.token, user_id: star.user.id }), {
          user: shown(star, { follower_count: 1, is_follow: true }),
        });
        expectDouyinOk(await get('/douyin/user/', { token: fan.token }), {
          user: shown(fan, { follow_count: 1 }),
        });

        const unfollow = { ...follow, action_type: '2' };
        expectDouyinOk(await post('/douyin/relation/action/', unfollow));
        expectDouyinOk(await post('/douyin/relation/action/', unfollow));
        expect(await followRows(fan)).toEqual([]);
        expectDouyinOk(await get('/douyin/relation/follower/list/', followers), { user_list: [] });
        expectDouyinOk(await get('/douyin/user/', { token: fan.token, user_id: star.user.id }), {
          user: shown(star),
        });
      });

      it.each([
        [
          'an action_type other than 1 or 2',
          { action_type: '3' },
          'BAD_USER_INPUT',
          'action_type must be 1 (follow) or 2 (unfollow)',
        ],
        [
          'no action_type',
          { action_type: undefined },
          'BAD_USER_INPUT',
          'action_type must be 1 (follow) or 2 (unfollow)',
        ],
        [
          'no to_user_id',
          { to_user_id: undefined },
          'BAD_USER_INPUT',
          'to_user_id is missing or not a valid id',
        ],
        ['an unknown to_user_id', { to_user_id: MISSING_USER_ID }, 'NOT_FOUND', 'No such user'],
        ['oneself', { to_user_id: 'self' }, 'BAD_USER_INPUT', 'You cannot follow yourself'],
        [
          'no token',
          { token: undefined },
          'UNAUTHENTICATED',
          'The token parameter is missing; log in first',
        ],
        [
          'a bad token',
          { token: 'not-a-jwt' },
          'UNAUTHENTICATED',
          'The token is invalid; log in again',
        ],
      ] as const)(
        'refuses a relation action with %s, writing nothing',
        async (_case, change, code, message) => {
          const [fan, star] = [await users().user(), await users().user()];
          const params: Fields = {};
          for (const [key, value] of Object.entries({
            token: fan.token,
            to_user_id: star.user.id,
            action_type: '1',
            ...change,
          }))
            if (value !== undefined) params[key] = value === 'self' ? fan.user.id : value;

          expectDouyinError(await post('/douyin/relation/action/', params), code, message);
          expect(await followRows(fan)).toEqual([]);
        },
      );

      it('lists friends: mutual follows only, both ways, with the last message and msgType under both keys', async () => {
        const [ann, ben, cat] = [await users().user(), await users().user(), await users().user()];
        const follow = (from: SeededUser, to: SeededUser) =>
          post('/douyin/relation/action/', {
            token: from.token,
            to_user_id: to.user.id,
            action_type: '1',
          });
        const friendsOf = (user: SeededUser) =>
          get<UserList>('/douyin/relation/friend/list/', {
            token: user.token,
            user_id: user.user.id,
          });

        await follow(ann, ben); // one way: no friendship
        await follow(ben, cat);
        await follow(cat, ben);
        expectDouyinOk(await friendsOf(ann), { user_list: [] });
        const noMessage = { message: '', msgType: 0, msg_type: 0 };
        expectDouyinOk(await friendsOf(ben), {
          user_list: [
            {
              ...shown(cat, { follow_count: 1, follower_count: 1, is_follow: true }),
              ...noMessage,
            },
          ],
        });

        expectDouyinOk(
          await post('/douyin/message/action/', {
            token: cat.token,
            to_user_id: ben.user.id,
            action_type: '1',
            content: 'hey ben',
          }),
        );
        expectDouyinOk(await friendsOf(ben), {
          user_list: [
            {
              ...shown(cat, { follow_count: 1, follower_count: 1, is_follow: true }),
              message: 'hey ben',
              msgType: 0,
              msg_type: 0,
            },
          ],
        });
        expectDouyinOk(await friendsOf(cat), {
          user_list: [
            {
              ...shown(ben, { follow_count: 1, follower_count: 2, is_follow: true }),
              message: 'hey ben',
              msgType: 1,
              msg_type: 1,
            },
          ],
        });
        expectDouyinError(
          await get('/douyin/relation/friend/list/', { user_id: ben.user.id }),
          'UNAUTHENTICATED',
          'The token parameter is missing; log in first',
          { user_list: [] },
        );
      });
    });

    describe('messages', () => {
      const send = (from: SeededUser, to: SeededUser, content: string) =>
        post('/douyin/message/action/', {
          token: from.token,
          to_user_id: to.user.id,
          action_type: '1',
          content,
        });
      const chat = async (viewer: SeededUser, peer: SeededUser, preMsgTime?: number) => {
        const params: Fields = { token: viewer.token, to_user_id: peer.user.id };
        if (preMsgTime !== undefined) params.pre_msg_time = String(preMsgTime);
        const response = await get<Chat>('/douyin/message/chat/', params);
        expect(response.body).toMatchObject({ status_code: 0 });
        return response.body.message_list;
      };
      const douyinMessage = (from: SeededUser, to: SeededUser, content: string) => ({
        id: expect.any(Number),
        from_user_id: Number(from.user.id),
        to_user_id: Number(to.user.id),
        content,
        create_time: expect.any(Number),
      });

      it('runs the official TestChat: content twice in the query, no friendship, both sides read it', async () => {
        const [userA, userB] = [await users().user(), await users().user()];
        await post('/douyin/relation/action/', {
          token: userA.token,
          to_user_id: userB.user.id,
          action_type: '1',
        });
        // TestChat's request: every param in the query, content twice there and not in the body
        const query = new URLSearchParams({
          token: userA.token,
          to_user_id: userB.user.id,
          action_type: '1',
        });
        query.append('content', 'Send to UserB');
        query.append('content', 'Send to UserB');
        const form = { token: userA.token, to_user_id: userB.user.id, action_type: '1' };
        expectDouyinOk(await rest.post(`/douyin/message/action/?${query}`, { form }));

        const message = douyinMessage(userA, userB, 'Send to UserB');
        expectDouyinOk(
          await get('/douyin/message/chat/', { token: userA.token, to_user_id: userB.user.id }),
          { message_list: [message] },
        );
        expectDouyinOk(
          await get('/douyin/message/chat/', { token: userB.token, to_user_id: userA.user.id }),
          { message_list: [message] },
        );
      });

      it("answers the app's polls: the whole chat oldest first at pre_msg_time 0, then only the peer's newer messages", async () => {
        const [amy, bob] = [await users().user(), await users().user()];
        for (const [from, to, content] of [
          [amy, bob, 'one'],
          [bob, amy, 'two'],
          [amy, bob, 'three'],
        ] as const)
          expectDouyinOk(await send(from, to, content));

        // opening the chat: everything, both ways, oldest first; absent is the same as 0
        const opened = await chat(bob, amy, 0);
        expect(opened).toEqual([
          douyinMessage(amy, bob, 'one'),
          douyinMessage(bob, amy, 'two'),
          douyinMessage(amy, bob, 'three'),
        ]);
        expect(await chat(bob, amy)).toEqual(opened);
        const times = opened.map((message) => message.create_time);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        const newest = times[2]!;

        // a poll with the newest create_time it holds: nothing, not the boundary message again
        expect(await chat(bob, amy, newest)).toEqual([]);
        expectDouyinOk(await send(amy, bob, 'four'));
        expectDouyinOk(await send(amy, bob, 'five'));
        const [four, five] = await chat(bob, amy, newest);
        expect([four, five]).toEqual([
          douyinMessage(amy, bob, 'four'),
          douyinMessage(amy, bob, 'five'),
        ]);
        expect(await chat(bob, amy, five!.create_time)).toEqual([]);

        // bob's own send is already in his list (appended locally): a poll never echoes it
        expectDouyinOk(await send(bob, amy, 'six'));
        expect(await chat(bob, amy, five!.create_time)).toEqual([]);
        // while amy's poll brings it, and only what is newer than her last one
        expect(await chat(amy, bob, five!.create_time)).toEqual([douyinMessage(bob, amy, 'six')]);

        // an old server's create_time in seconds is read as that second's first ms
        const second = Math.floor(opened[0]!.create_time / 1000);
        const fromAmy = (await chat(bob, amy, 0)).filter(
          (message) =>
            message.from_user_id === Number(amy.user.id) && message.create_time > second * 1000,
        );
        expect(await chat(bob, amy, second)).toEqual(fromAmy);
      });

      it.each([
        [
          'an action_type other than 1',
          { action_type: '2' },
          'BAD_USER_INPUT',
          'action_type must be 1 (send a message)',
        ],
        [
          'no action_type',
          { action_type: undefined },
          'BAD_USER_INPUT',
          'action_type must be 1 (send a message)',
        ],
        [
          'no to_user_id',
          { to_user_id: undefined },
          'BAD_USER_INPUT',
          'to_user_id is missing or not a valid id',
        ],
        ['an unknown to_user_id', { to_user_id: MISSING_USER_ID }, 'NOT_FOUND', 'No such user'],
        [
          'oneself as recipient',
          { to_user_id: 'self' },
          'BAD_USER_INPUT',
          'You cannot send a message to yourself',
        ],
        ['no content', { content: undefined }, 'BAD_USER_INPUT', 'A message must not be empty'],
        ['blank content', { content: '  ' }, 'BAD_USER_INPUT', 'A message must not be empty'],
        ['a blocked word', { content: '加我微信' }, 'BAD_USER_INPUT', BLOCKED_MESSAGE],
        [
          'no token',
          { token: undefined },
          'UNAUTHENTICATED',
          'The token parameter is missing; log in first',
        ],
      ] as const)(
        'refuses a message with %s, writing nothing',
        async (_case, change, code, message) => {
          const [from, to] = [await users().user(), await users().user()];
          const params: Fields = {};
          for (const [key, value] of Object.entries({
            token: from.token,
            to_user_id: to.user.id,
            action_type: '1',
            content: 'hello',
            ...change,
          }))
            if (value !== undefined) params[key] = value === 'self' ? from.user.id : value;

          expectDouyinError(await post('/douyin/message/action/', params), code, message);
          expect(await messagesOf(from)).toEqual([]);
        },
      );

      it('refuses a chat without a token or a peer, with an empty message_list', async () => {
        const [amy, bob] = [await users().user(), await users().user()];
        expectDouyinError(
          await get('/douyin/message/chat/', { to_user_id: bob.user.id }),
          'UNAUTHENTICATED',
          'The token parameter is missing; log in first',
          { message_list: [] },
        );
        expectDouyinError(
          await get('/douyin/message/chat/', { token: amy.token }),
          'BAD_USER_INPUT',
          'to_user_id is missing or not a valid id',
          { message_list: [] },
        );
      });
    });

    it('costs a constant number of SQL queries per subgraph for a follower list, 30 users as 3', async () => {
      const account = async () => {
        const [row] = await stack.subgraphs.user.mysql.db
          .insert(userRows)
          .values({ username: uniqueName('sql'), passwordHash: 'x', createdAt: new Date() });
        return {
          id: String(row.insertId),
          token: await issueToken(stack.config.auth, row.insertId),
        };
      };
      const viewer = await account();
      const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { id } }`;
      const starWith = async (followers: number) => {
        const star = await account();
        for (let n = 0; n < followers; n += 1) {
          const fan = await account();
          await graphql(stack.gatewayUrl, FOLLOW, { id: star.id }, { token: fan.token });
          // the viewer follows every other follower: is_follow varies down the list
          if (n % 2 === 0)
            await graphql(stack.gatewayUrl, FOLLOW, { id: fan.id }, { token: viewer.token });
        }
        return star;
      };
      const [thirty, three] = [await starWith(30), await starWith(3)];

      // the outbox relays poll through the same pools every second; their statements are no request's
      stack.subgraphs.video.mysql.queries.ignore = new RegExp(`\\b${getTableName(videoOutbox)}\\b`);
      stack.subgraphs.social.mysql.queries.ignore = new RegExp(
        `\\b${getTableName(socialOutbox)}\\b`,
      );
      const names = ['user', 'video', 'interaction', 'social'] as const;
      const sqlFor = async (star: { id: string }, followers: number) => {
        for (const name of names) stack.subgraphs[name].mysql.queries.count = 0;
        const response = await get<UserList>('/douyin/relation/follower/list/', {
          token: viewer.token,
          user_id: star.id,
        });
        expect(response.body.user_list).toHaveLength(followers);
        expect(response.body.user_list.map((user) => user.is_follow)).toEqual(
          Array.from({ length: followers }, (_, n) => (followers - 1 - n) % 2 === 0),
        );
        return Object.fromEntries(
          names.map((name) => [name, stack.subgraphs[name].mysql.queries.count]),
        );
      };
      const forThirty = await sqlFor(thirty, 30);
      // user: user(id) and the followers' names; video: work counts; interaction: like counts;
      // social: the followers page, follow_counters IN (…), the viewer's follows IN (…)
      expect(forThirty).toEqual({ user: 2, video: 1, interaction: 1, social: 3 });
      expect(await sqlFor(three, 3)).toEqual(forThirty);
      // and every follow counted exactly
      const followed = await social()
        .select({ id: follows.id })
        .from(follows)
        .where(eq(follows.followeeId, Number(thirty.id)));
      expect(followed).toHaveLength(30);
    });
  },
);
