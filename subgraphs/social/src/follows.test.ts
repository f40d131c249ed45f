import { and, count, eq } from 'drizzle-orm';
import { pairsLeftBy, runPlansAtOnce, seededRandom } from '@reel/testkit/interleave';
import { follows, followCounters } from './db/schema';
import { counterMismatches, type SocialUnderTest, startSocial } from './test-app';

const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { id followerCount isFollow } }`;
const UNFOLLOW = `mutation ($id: ID!) { unfollow(userId: $id) { id followerCount isFollow } }`;
const COUNTS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on User { id followCount followerCount isFollow } } }`;

type Followed = { id: string; followerCount: number; isFollow: boolean };
type Counts = { id: string; followCount: number; followerCount: number; isFollow: boolean };

describe('RELIABILITY row 21 (follows): idempotent, atomic with their counters', () => {
  let subject: SocialUnderTest;
  beforeAll(async () => {
    subject = await startSocial('so_follows');
  });
  afterAll(() => subject.close());

  const counts = async (userId: number, viewer: number | null = null) =>
    (
      await subject.run<{ _entities: Counts[] }>(viewer, COUNTS, {
        reps: [{ __typename: 'User', id: String(userId) }],
      })
    ).data!._entities[0];
  const rowsOf = async (followerId: number, followeeId: number) =>
    (
      await subject.db
        .select({ n: count() })
        .from(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
    )[0]!.n;

  it('reads known_users once per process for a followee: a second follower costs one statement less', async () => {
    const star = await subject.user();
    const statements: number[] = [];
    for (const fan of [await subject.user(), await subject.user()]) {
      subject.app.mysql.queries.count = 0;
      const followed = await subject.run(
        fan,
        `mutation ($id: ID!) { follow(userId: $id) { id } }`,
        {
          id: String(star),
        },
      );
      expect(followed.errors).toBeUndefined();
      statements.push(subject.app.mysql.queries.count);
    }
    expect(statements[1]).toBe(statements[0]! - 1);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('counts 50 simultaneous follows of one user by one user once, and all 50 answer the same', async () => {
    const [fan, star] = [await subject.user(), await subject.user()];

    const results = await Promise.all(
      Array.from({ length: 50 }, () => subject.run(fan, FOLLOW, { id: String(star) })),
    );

    expect(results).toEqual(
      Array.from({ length: 50 }, () => ({
        data: { follow: { id: String(star), followerCount: 1, isFollow: true } },
      })),
    );
    expect(await rowsOf(fan, star)).toBe(1);
    expect(await counts(fan)).toEqual({
      id: String(fan),
      followCount: 1,
      followerCount: 0,
      isFollow: false,
    });
    expect(await counts(star, fan)).toEqual({
      id: String(star),
      followCount: 0,
      followerCount: 1,
      isFollow: true,
    });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('counts 30 users following one user at once as 30, each follower once', async () => {
    const star = await subject.user();
    const fans = await Promise.all(Array.from({ length: 30 }, () => subject.user()));

    const results = await Promise.all(
      fans.map((fan) => subject.run<{ follow: Followed }>(fan, FOLLOW, { id: String(star) })),
    );

    expect(results.every((result) => result.errors === undefined)).toBe(true);
    expect(await counts(star)).toEqual({
      id: String(star),
      followCount: 0,
      followerCount: 30,
      isFollow: false,
    });
    for (const fan of fans) expect((await counts(fan))!.followCount).toBe(1);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('follow, unfollow, unfollow: back to 0 and never below, each call answering the current state', async () => {
    const [fan, star] = [await subject.user(), await subject.user()];
    const id = String(star);

    expect((await subject.run(fan, FOLLOW, { id })).data).toEqual({
      follow: { id, followerCount: 1, isFollow: true },
    });
    expect((await subject.run(fan, UNFOLLOW, { id })).data).toEqual({
      unfollow: { id, followerCount: 0, isFollow: false },
    });
    expect((await subject.run(fan, UNFOLLOW, { id })).data).toEqual({
      unfollow: { id, followerCount: 0, isFollow: false },
    });

    expect(await counts(fan)).toEqual({
      id: String(fan),
      followCount: 0,
      followerCount: 0,
      isFollow: false,
    });
    expect(await counts(star)).toEqual({ id, followCount: 0, followerCount: 0, isFollow: false });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('keeps counters at 0, never below, through 20 simultaneous unfollows of a follow', async () => {
    const [fan, star] = [await subject.user(), await subject.user()];
    await subject.run(fan, FOLLOW, { id: String(star) });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => subject.run(fan, UNFOLLOW, { id: String(star) })),
    );
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    const rows = await subject.db
      .select()
      .from(followCounters)
      .where(eq(followCounters.userId, star));
    expect(rows).toEqual([{ userId: star, followCount: 0, followerCount: 0 }]);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('answers the fields of several writes in one operation each as of its own write', async () => {
    const [fan, star] = [await subject.user(), await subject.user()];
    const result = await subject.run(
      fan,
      `mutation ($id: ID!) {
        a: follow(userId: $id) { followerCount isFollow }
        b: unfollow(userId: $id) { followerCount isFollow }
        c: follow(userId: $id) { followerCount isFollow }
      }`,
      { id: String(star) },
    );
    expect(result.data).toEqual({
      a: { followerCount: 1, isFollow: true },
      b: { followerCount: 0, isFollow: false },
      c: { followerCount: 1, isFollow: true },
    });
  });

  it.each([
    ['follows', FOLLOW],
    ['unfollows', UNFOLLOW],
  ])(
    'refuses anonymous, self, unverifiable and malformed %s, writing nothing',
    async (_what, mutation) => {
      const [fan, star] = [await subject.user(), await subject.user()];
      const anonymous = await subject.run(null, mutation, { id: String(star) });
      expect(anonymous.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
      ]);
      const self = await subject.run(fan, mutation, { id: String(fan) });
      expect(self.errors).toEqual([
        expect.objectContaining({
          message: 'You cannot follow yourself',
          extensions: { code: 'BAD_USER_INPUT', field: 'userId' },
        }),
      ]);
      // this subject's gateway never answers: an id nobody confirmed cannot be checked
      const stranger = await subject.run(fan, mutation, { id: String(subject.stranger()) });
      expect(stranger.errors).toEqual([
        expect.objectContaining({
          message: 'Could not check that the user exists; try again shortly',
          extensions: { code: 'UNAVAILABLE' },
        }),
      ]);
      const notAnId = await subject.run(fan, mutation, { id: '1e+06' });
      expect(notAnId.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(
        await subject.db.select().from(followCounters).where(eq(followCounters.userId, fan)),
      ).toEqual([]);
      expect(await rowsOf(fan, fan)).toBe(0);
    },
  );

  it('keeps every counter equal to COUNT(*) of its rows through a seeded random interleaving of 20 users', async () => {
    const random = seededRandom(20260201);
    const users = await Promise.all(Array.from({ length: 20 }, () => subject.user()));
    // each user's own steps run in order; the 20 users run at once, so their steps interleave
    const plans = users.map((user) =>
      Array.from({ length: 25 }, () => {
        const others = users.filter((other) => other !== user);
        return {
          user,
          follow: random() < 0.6,
          target: others[Math.floor(random() * others.length)]!,
        };
      }),
    );

    const errors = await runPlansAtOnce(plans, (step) =>
      subject.run(step.user, step.follow ? FOLLOW : UNFOLLOW, { id: String(step.target) }),
    );

    expect(errors).toEqual([]);
    expect(await counterMismatches(subject)).toEqual([]);
    // and the rows are what the plans say: each (follower, followee) ends as its last step left it
    const expected = pairsLeftBy(
      plans.flat(),
      (step) => `${step.user}:${step.target}`,
      (step) => step.follow,
    );
    const rows = await subject.db.select().from(follows);
    const mine = rows.filter((row) => users.includes(row.followerId));
    expect(new Set(mine.map((row) => `${row.followerId}:${row.followeeId}`))).toEqual(expected);
  });
});
