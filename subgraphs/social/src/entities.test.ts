import { getTableName } from 'drizzle-orm';
import { cacheKeys } from '@reel/common';
import { socialOutbox } from './db/schema';
import { type SocialUnderTest, startSocial } from './test-app';

const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { id } }`;
const SEND = `mutation ($to: ID!, $content: String!) { sendMessage(toUserId: $to, content: $content) { id } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
  id followCount followerCount isFollow
  following(first: 2) { edges { node { id } followedAt } pageInfo { hasNextPage } }
  followers(first: 2) { edges { node { id } } }
  friends(first: 2) { edges { node { id } lastMessage { content from { id } } lastMessageDirection } }
} } }`;
const PAGE = (
  list: 'following' | 'friends',
) => `query ($reps: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $reps) { ... on User {
    page: ${list}(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
  } } }`;

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface UserEntity {
  id: string;
  followCount: number;
  followerCount: number;
  isFollow: boolean;
  following: {
    edges: { node: { id: string }; followedAt: string }[];
    pageInfo: { hasNextPage: boolean };
  };
  followers: { edges: { node: { id: string } }[] };
  friends: {
    edges: {
      node: { id: string };
      lastMessage: { content: string; from: { id: string } } | null;
      lastMessageDirection: 'SENT' | 'RECEIVED' | null;
    }[];
  };
}

describe('User entities of the social subgraph', () => {
  let subject: SocialUnderTest;
  let viewer: number;
  const users: number[] = [];
  beforeAll(async () => {
    subject = await startSocial('so_entities');
    // the outbox relay polls on its own schedule: not the request's queries
    subject.app.mysql.queries.ignore = new RegExp(`\\b${getTableName(socialOutbox)}\\b`);
    viewer = await subject.user();
    for (let n = 0; n < 30; n += 1) users.push(await subject.user());
    // the viewer follows every third user; every second user follows the viewer back, so the
    // viewer's friends are every sixth: 0, 6, 12, 18, 24 (followed in that order)
    for (const [n, user] of users.entries()) {
      if (n % 3 === 0) await subject.run(viewer, FOLLOW, { id: String(user) });
      if (n % 2 === 0) await subject.run(user, FOLLOW, { id: String(viewer) });
    }
    // user 24 is written to by the viewer, user 18 writes to the viewer (last), 12 never
    await subject.run(viewer, SEND, { to: String(users[24]), content: 'first to 24' });
    await subject.run(users[24]!, SEND, { to: String(viewer), content: 'reply from 24' });
    await subject.run(viewer, SEND, { to: String(users[24]), content: 'last to 24' });
    await subject.run(viewer, SEND, { to: String(users[18]), content: 'to 18' });
    await subject.run(users[18]!, SEND, { to: String(viewer), content: 'last from 18' });
  });
  afterAll(() => subject.close());

  const resolve = async (viewerId: number | null, ids: number[]) => {
    // cold counters (their version keys bumped): the counts below are of the uncached statements;
    // what a warm cache saves is counted on its own below
    await subject.bumpCacheVersions(ids.map(cacheKeys.user));
    subject.app.mysql.queries.count = 0;
    const reps = ids.map((id) => ({ __typename: 'User', id: String(id) }));
    const result = await subject.run<{ _entities: UserEntity[] }>(viewerId, ENTITIES, { reps });
    expect(result.errors).toBeUndefined();
    return { entities: result.data!._entities, queries: subject.app.mysql.queries.count };
  };

  it('resolves 31 users with counts, flags, follows and friends with their last messages in 6 SQL queries', async () => {
    const { entities, queries } = await resolve(viewer, [viewer, ...users]);

    // follow_counters IN (…), the viewer's follows IN (…), following, followers and friends pages
    // (one UNION ALL each), the viewer's conversations with every friend and their last messages
    expect(queries).toBe(6);
    const friendsNewestFirst = [24, 18].map((n) => String(users[n]));
    expect(entities[0]).toEqual({
      id: String(viewer),
      followCount: 10,
      followerCount: 15,
      isFollow: false, // oneself
      following: {
        edges: [27, 24].map((n) => ({
          node: { id: String(users[n]) },
          followedAt: expect.any(String),
        })),
        pageInfo: { hasNextPage: true },
      },
      followers: { edges: [28, 26].map((n) => ({ node: { id: String(users[n]) } })) },
      friends: {
        edges: [
          {
            node: { id: friendsNewestFirst[0] },
            lastMessage: { content: 'last to 24', from: { id: String(viewer) } },
            lastMessageDirection: 'SENT',
          },
          {
            node: { id: friendsNewestFirst[1] },
            lastMessage: { content: 'last from 18', from: { id: String(users[18]) } },
            lastMessageDirection: 'RECEIVED',
          },
        ],
      },
    });
    expect(entities.slice(1)).toEqual(
      users.map((id, n) => ({
        id: String(id),
        followCount: n % 2 === 0 ? 1 : 0,
        followerCount: n % 3 === 0 ? 1 : 0,
        isFollow: n % 3 === 0,
        following: {
          edges:
            n % 2 === 0 ? [{ node: { id: String(viewer) }, followedAt: expect.any(String) }] : [],
          pageInfo: { hasNextPage: false },
        },
        followers: { edges: n % 3 === 0 ? [{ node: { id: String(viewer) } }] : [] },
        // a friend's only friend is the viewer, and the viewer's conversation with themselves is empty
        friends: {
          edges:
            n % 6 === 0
              ? [{ node: { id: String(viewer) }, lastMessage: null, lastMessageDirection: null }]
              : [],
        },
      })),
    );
  });

  it('costs the same 6 queries for 3 users as for 31', async () => {
    const { queries } = await resolve(viewer, users.slice(0, 3));
    expect(queries).toBe(6);
  });

  it('answers counters read before from the per-process cache: no follow_counters statement', async () => {
    const ids = [viewer, ...users];
    const cold = await resolve(null, ids);
    subject.app.mysql.queries.count = 0;
    const reps = ids.map((id) => ({ __typename: 'User', id: String(id) }));
    const warm = await subject.run<{ _entities: UserEntity[] }>(null, ENTITIES, { reps });
    expect(subject.app.mysql.queries.count).toBe(cold.queries - 1);
    expect(warm.data!._entities).toEqual(cold.entities);
  });

  it('asks no SQL for isFollow or last messages when anonymous', async () => {
    const { entities, queries } = await resolve(null, [viewer, ...users]);
    expect(queries).toBe(4);
    expect(entities.every((user) => !user.isFollow)).toBe(true);
    expect(entities[0]!.friends.edges.map((edge) => edge.lastMessage)).toEqual([null, null]);
  });

  it('pages through following and friends with cursors, newest first, none skipped or repeated', async () => {
    const pages = { following: [] as string[], friends: [] as string[] };
    for (const list of ['following', 'friends'] as const) {
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result = await subject.run<{ _entities: { page: Page }[] }>(null, PAGE(list), {
          reps: [{ __typename: 'User', id: String(viewer) }],
          first: 3,
          after,
        });
        const connection: Page = result.data!._entities[0]!.page;
        pages[list].push(...connection.edges.map((edge) => edge.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
    }
    const newestFirst = (keep: (n: number) => boolean) =>
      users
        .filter((_, n) => keep(n))
        .reverse()
        .map(String);
    expect(pages).toEqual({
      following: newestFirst((n) => n % 3 === 0),
      friends: newestFirst((n) => n % 6 === 0),
    });
  });

  it('refuses a page size over the maximum and a cursor it did not hand out', async () => {
    const reps = [{ __typename: 'User', id: String(viewer) }];
    const tooMany = await subject.run(null, PAGE('following'), { reps, first: 51 });
    expect(tooMany.errors).toEqual([
      expect.objectContaining({
        message: 'first must be between 1 and 50',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const forged = await subject.run(null, PAGE('friends'), { reps, after: 'not-a-cursor' });
    expect(forged.errors).toEqual([
      expect.objectContaining({
        message: 'after is not a cursor from this API',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });
});
