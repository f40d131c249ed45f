import { eq } from 'drizzle-orm';
import { follows, knownUsers, messages } from '@reel/social-subgraph/db/schema';
import { errorCodes, graphql, seeder, type SeededUser } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const MISSING_USER_ID = '987654321'; // no account has it: this stack's database is its own

const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { id name followerCount isFollow } }`;
const UNFOLLOW = `mutation ($id: ID!) { unfollow(userId: $id) { id followerCount isFollow } }`;
const USER = `query ($id: ID!) { user(id: $id) { id followCount followerCount isFollow } }`;
const SEND = `mutation ($to: ID!, $content: String!) {
  sendMessage(toUserId: $to, content: $content) { id content from { name } to { name } } }`;

describe.each(['remote', 'in-process'])('follows and messages, subgraphs %s', (topology) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  const users = () => seeder(stack.gatewayUrl);
  const as = <T = Record<string, unknown>>(
    who: SeededUser | null,
    query: string,
    variables: Record<string, unknown> = {},
  ) => graphql<T>(stack.gatewayUrl, query, variables, who ? { token: who.token } : {});
  const social = () => stack.subgraphs.social.mysql.db;

  it('follows a user the gateway confirms, refuses one it does not know, and everyone sees the counts at once', async () => {
    const [fan, star] = [await users().user(), await users().user()];

    const unknown = await as(fan, FOLLOW, { id: MISSING_USER_ID });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors![0]!.message).toBe('No such user');
    expect(
      await social()
        .select()
        .from(follows)
        .where(eq(follows.followerId, Number(fan.user.id))),
    ).toEqual([]);

    expect((await as(fan, FOLLOW, { id: star.user.id })).data).toEqual({
      follow: { id: star.user.id, name: star.user.name, followerCount: 1, isFollow: true },
    });
    // the gateway's answer is remembered: a second follow asks nobody
    const known = await social()
      .select({ userId: knownUsers.userId })
      .from(knownUsers)
      .where(eq(knownUsers.userId, Number(star.user.id)));
    expect(known).toEqual([{ userId: Number(star.user.id) }]);

    // read-your-writes, for the writer, the followee and a guest alike
    const counts = { id: star.user.id, followCount: 0, followerCount: 1 };
    expect((await as(fan, USER, { id: star.user.id })).data).toEqual({
      user: { ...counts, isFollow: true },
    });
    expect((await as(star, USER, { id: star.user.id })).data).toEqual({
      user: { ...counts, isFollow: false },
    });
    expect((await as(null, USER, { id: star.user.id })).data).toEqual({
      user: { ...counts, isFollow: false },
    });
    expect((await as(fan, USER, { id: fan.user.id })).data).toEqual({
      user: { id: fan.user.id, followCount: 1, followerCount: 0, isFollow: false },
    });

    expect((await as(fan, UNFOLLOW, { id: star.user.id })).data).toEqual({
      unfollow: { id: star.user.id, followerCount: 0, isFollow: false },
    });
    expect(errorCodes(await as(fan, FOLLOW, { id: fan.user.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await as(null, FOLLOW, { id: star.user.id }))).toEqual(['UNAUTHENTICATED']);
  });

  it('sends messages to users who exist, shows each to its two parties only, and lists friends with the last one', async () => {
    const [alice, bob, eve] = [await users().user(), await users().user(), await users().user()];

    const unknown = await as(alice, SEND, { to: MISSING_USER_ID, content: 'anyone?' });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(
      await social()
        .select()
        .from(messages)
        .where(eq(messages.fromUserId, Number(alice.user.id))),
    ).toEqual([]);

    // no friendship needed
    const sent = await as<{ sendMessage: { id: string } }>(alice, SEND, {
      to: bob.user.id,
      content: 'hi bob',
    });
    expect(sent.data).toEqual({
      sendMessage: {
        id: expect.any(String),
        content: 'hi bob',
        from: { name: alice.user.name },
        to: { name: bob.user.name },
      },
    });
    const { id } = sent.data!.sendMessage;
    const MESSAGE = `query ($id: ID!) { message(id: $id) { content from { name } } }`;
    const seen = { message: { content: 'hi bob', from: { name: alice.user.name } } };
    expect((await as(alice, MESSAGE, { id })).data).toEqual(seen);
    expect((await as(bob, MESSAGE, { id })).data).toEqual(seen);
    expect((await as(eve, MESSAGE, { id })).data).toEqual({ message: null });

    // friends are mutual follows: bob appears once alice follows him back too
    const FRIENDS = `query { viewer { friends { edges {
      node { id name } lastMessage { content } lastMessageDirection } } } }`;
    await as(alice, FOLLOW, { id: bob.user.id });
    expect((await as(alice, FRIENDS)).data).toEqual({ viewer: { friends: { edges: [] } } });
    await as(bob, FOLLOW, { id: alice.user.id });
    await as(bob, SEND, { to: alice.user.id, content: 'hi alice' });
    const friendOf = (user: SeededUser, direction: 'SENT' | 'RECEIVED') => ({
      viewer: {
        friends: {
          edges: [
            {
              node: { id: user.user.id, name: user.user.name },
              lastMessage: { content: 'hi alice' },
              lastMessageDirection: direction,
            },
          ],
        },
      },
    });
    expect((await as(alice, FRIENDS)).data).toEqual(friendOf(bob, 'RECEIVED'));
    expect((await as(bob, FRIENDS)).data).toEqual(friendOf(alice, 'SENT'));
  });
});
