/**
 * "Big-V" accounts and the per-page SQL budget: a user with 100 000 followers costs what a user
 * with ten does, to show and to page through, because counts are counter rows and lists are
 * index range scans; and a whole /douyin/feed/ page costs a constant number of statements in
 * every subgraph, 5 videos or 30.
 */
import { sql } from 'drizzle-orm';
import { cacheKeys } from '@reel/common';
import { graphql, seeder } from '@reel/testkit';
import { followCounters } from '@reel/social-subgraph/db/schema';
import { limits as restLimits } from '@reel/compat-rest/limits';
import { douyin, type Stack, startStack } from './harness';
import { seedVideo } from './harness/videos';

const BIG = 100_000;
const SMALL = 10;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const names = ['user', 'video', 'interaction', 'social'] as const;
type Counts = Record<(typeof names)[number], number>;

/** Statements each subgraph ran for one call (relays and consumers poll uncounted). */
async function sqlOf(call: () => Promise<void>): Promise<Counts> {
  for (const name of names) stack.subgraphs[name].mysql.queries.count = 0;
  await call();
  return Object.fromEntries(
    names.map((name) => [name, stack.subgraphs[name].mysql.queries.count]),
  ) as Counts;
}

/** Followers written in bulk (MariaDB's sequence engine), with the counter row they move. */
async function withFollowers(userId: number, count: number, firstFollowerId: number) {
  const db = stack.subgraphs.social.mysql.db;
  await db.execute(
    sql.raw(
      `INSERT INTO follows (follower_id, followee_id, created_at)
       SELECT seq, ${userId}, NOW(3) - INTERVAL seq MICROSECOND
       FROM seq_${firstFollowerId}_to_${firstFollowerId + count - 1}`,
    ),
  );
  await db
    .insert(followCounters)
    .values({ userId, followCount: 0, followerCount: count })
    .onDuplicateKeyUpdate({ set: { followerCount: count } });
  // written beside the write path, so bumped as it bumps (the counters are cached per process)
  await stack.bumpCacheVersions([cacheKeys.user(userId)]);
}

describe('a user with 100 000 followers', () => {
  const users = () => seeder(stack.gatewayUrl);
  let big: { id: number; token: string };
  let small: { id: number };

  beforeAll(async () => {
    const [bigUser, smallUser] = [await users().user(), await users().user()];
    big = { id: Number(bigUser.user.id), token: bigUser.token };
    small = { id: Number(smallUser.user.id) };
    // follower ids far above any registered user: they are only ids to the social subgraph
    await withFollowers(big.id, BIG, 10_000_000);
    await withFollowers(small.id, SMALL, 20_000_000);
  });

  const profile = (userId: number) =>
    douyin(stack.restUrl).get('/douyin/user/', {
      query: { user_id: String(userId), token: big.token },
    });
  it('shows its follower count from the counter row, at the cost of a small account', async () => {
    let answer: unknown;
    const bigCost = await sqlOf(async () => {
      answer = (await profile(big.id)).body;
    });
    expect(answer).toMatchObject({ status_code: 0, user: { follower_count: BIG } });
    const smallCost = await sqlOf(async () => {
      answer = (await profile(small.id)).body;
    });
    expect(answer).toMatchObject({ status_code: 0, user: { follower_count: SMALL } });
    expect(bigCost).toEqual(smallCost);
  });

  it('reads a follower page by an index range, whatever the follower count', async () => {
    const db = stack.subgraphs.social.mysql.db;
    const explain = async (userId: number) => {
      const [rows] = (await db.execute(
        sql.raw(
          `EXPLAIN SELECT id, follower_id, created_at FROM follows
           WHERE followee_id = ${userId} ORDER BY created_at DESC, id DESC LIMIT 51`,
        ),
      )) as unknown as [{ key: string | null; type: string; Extra: string | null }[]];
      return rows[0]!;
    };
    for (const userId of [big.id, small.id]) {
      const plan = await explain(userId);
      expect(plan.key).toBe('follows_followee_created_at');
      expect(['ref', 'range']).toContain(plan.type);
      expect(plan.Extra ?? '').not.toMatch(/filesort/i);
    }
  });

  it('costs the same statements for a follower page of the big account as of the small', async () => {
    const FOLLOWERS = `query ($id: ID!) { user(id: $id) { followerCount followers(first: 50) {
      edges { node { id followCount followerCount isFollow } } pageInfo { hasNextPage } } } }`;
    let page: { followerCount: number; followers: { edges: unknown[] } } | undefined;
    const pageOf = (userId: number) => async () => {
      const response = await graphql<{ user: typeof page }>(
        stack.gatewayUrl,
        FOLLOWERS,
        { id: String(userId) },
        { token: big.token },
      );
      page = response.data?.user ?? undefined;
    };
    const bigCost = await sqlOf(pageOf(big.id));
    expect(page).toMatchObject({ followerCount: BIG });
    expect(page?.followers.edges).toHaveLength(50);
    const smallCost = await sqlOf(pageOf(small.id));
    expect(page).toMatchObject({ followerCount: SMALL });
    expect(page?.followers.edges).toHaveLength(SMALL);
    expect(bigCost).toEqual(smallCost);
  });
});

describe('the REST follower list of a big account', () => {
  it('answers at most its cap of users, newest followers first', async () => {
    const star = await seeder(stack.gatewayUrl).user();
    await withFollowers(Number(star.user.id), BIG, 30_000_000);
    const response = await douyin(stack.restUrl).get('/douyin/relation/follower/list/', {
      query: { user_id: star.user.id, token: star.token },
    });
    const list = response.body.user_list as { id: number }[];
    expect(response.body.status_code).toBe(0);
    expect(list).toHaveLength(restLimits.relationListMaxUsers);
    expect(list[0]?.id).toBe(30_000_000); // the newest follow (seq 1 is the latest instant)
  });
});

describe('a whole /douyin/feed/ page', () => {
  it('costs a constant number of statements per subgraph, 5 videos or 30, logged in', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    const base = Date.UTC(2001, 0, 1);
    const pageKeys: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const author = await seeder(stack.gatewayUrl).user();
      const videoId = await seedVideo(stack, author.user.id, `budget ${i}`, new Date(base + i));
      pageKeys.push(cacheKeys.video(videoId), cacheKeys.user(author.user.id));
    }
    // each page read cold: the five videos were on the thirty, and their counters would come from
    // the subgraphs' per-process caches (test/interaction.test.ts counts what those save)
    const cold = () => stack.bumpCacheVersions(pageKeys);
    const page = (latestTime: number) =>
      douyin(stack.restUrl).get('/douyin/feed/', {
        query: { latest_time: String(latestTime), token: viewer.token },
      });
    let listed = 0;
    await cold();
    const thirty = await sqlOf(async () => {
      listed = ((await page(base + 30)).body.video_list as unknown[]).length;
    });
    expect(listed).toBe(30);
    await cold();
    const five = await sqlOf(async () => {
      listed = ((await page(base + 5)).body.video_list as unknown[]).length;
    });
    expect(listed).toBe(5);
    expect(five).toEqual(thirty);
    // the figures quoted in the README: user names, video page + work counts, counts and flags of
    // videos and authors, the authors' follow counts and isFollow
    expect(thirty).toEqual({ user: 1, video: 2, interaction: 3, social: 2 });
  });
});
