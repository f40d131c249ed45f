import { and, count, eq } from 'drizzle-orm';
import { pairsLeftBy, runPlansAtOnce, seededRandom } from '@reel/testkit/interleave';
import { favorites } from './db/schema';
import { counterMismatches, type InteractionUnderTest, startInteraction } from './test-app';

const LIKE = `mutation ($id: ID!) { likeVideo(videoId: $id) { id favoriteCount isFavorite } }`;
const UNLIKE = `mutation ($id: ID!) { unlikeVideo(videoId: $id) { id favoriteCount isFavorite } }`;
const COUNTS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Video { id favoriteCount isFavorite }
  ... on User { id favoriteCount totalFavorited } } }`;

type Liked = { id: string; favoriteCount: number; isFavorite: boolean };

describe('RELIABILITY row 21 (likes): idempotent, atomic with their counters', () => {
  let subject: InteractionUnderTest;
  beforeAll(async () => {
    subject = await startInteraction('ia_likes');
  });
  afterAll(() => subject.close());

  const videoCounts = async (viewer: number | null, videoId: number) =>
    (
      await subject.run<{ _entities: Liked[] }>(viewer, COUNTS, {
        reps: [{ __typename: 'Video', id: String(videoId) }],
      })
    ).data!._entities[0];
  const userCounts = async (userId: number) =>
    (
      await subject.run<{ _entities: { favoriteCount: number; totalFavorited: number }[] }>(
        null,
        COUNTS,
        { reps: [{ __typename: 'User', id: String(userId) }] },
      )
    ).data!._entities[0];
  const rowsOf = async (userId: number, videoId: number) =>
    (
      await subject.db
        .select({ n: count() })
        .from(favorites)
        .where(and(eq(favorites.userId, userId), eq(favorites.videoId, videoId)))
    )[0]!.n;

  it('counts 50 simultaneous likes of one video by one user once, and all 50 answer the same', async () => {
    const author = subject.id();
    const liker = subject.id();
    const video = await subject.video(author);

    const results = await Promise.all(
      Array.from({ length: 50 }, () => subject.run(liker, LIKE, { id: String(video) })),
    );

    expect(results).toEqual(
      Array.from({ length: 50 }, () => ({
        data: { likeVideo: { id: String(video), favoriteCount: 1, isFavorite: true } },
      })),
    );
    expect(await rowsOf(liker, video)).toBe(1);
    expect(await userCounts(liker)).toEqual({
      id: String(liker),
      favoriteCount: 1,
      totalFavorited: 0,
    });
    expect(await userCounts(author)).toEqual({
      id: String(author),
      favoriteCount: 0,
      totalFavorited: 1,
    });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it("counts 30 users liking one video at once as 30, and its author's totalFavorited as 30", async () => {
    const author = subject.id();
    const video = await subject.video(author);
    const likers = Array.from({ length: 30 }, () => subject.id());

    const results = await Promise.all(
      likers.map((liker) => subject.run<{ likeVideo: Liked }>(liker, LIKE, { id: String(video) })),
    );

    expect(results.every((result) => result.errors === undefined)).toBe(true);
    expect(await videoCounts(null, video)).toEqual({
      id: String(video),
      favoriteCount: 30,
      isFavorite: false,
    });
    expect(await userCounts(author)).toEqual({
      id: String(author),
      favoriteCount: 0,
      totalFavorited: 30,
    });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('like, unlike, unlike: back to 0 and never below, each call answering the current state', async () => {
    const author = subject.id();
    const liker = subject.id();
    const video = await subject.video(author);
    const id = String(video);

    expect((await subject.run(liker, LIKE, { id })).data).toEqual({
      likeVideo: { id, favoriteCount: 1, isFavorite: true },
    });
    expect((await subject.run(liker, UNLIKE, { id })).data).toEqual({
      unlikeVideo: { id, favoriteCount: 0, isFavorite: false },
    });
    expect((await subject.run(liker, UNLIKE, { id })).data).toEqual({
      unlikeVideo: { id, favoriteCount: 0, isFavorite: false },
    });

    expect(await userCounts(liker)).toEqual({
      id: String(liker),
      favoriteCount: 0,
      totalFavorited: 0,
    });
    expect(await userCounts(author)).toEqual({
      id: String(author),
      favoriteCount: 0,
      totalFavorited: 0,
    });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('lets a user like their own video: both of their counts move, once each', async () => {
    const author = subject.id();
    const video = await subject.video(author);
    await subject.run(author, LIKE, { id: String(video) });
    expect(await userCounts(author)).toEqual({
      id: String(author),
      favoriteCount: 1,
      totalFavorited: 1,
    });
    await subject.run(author, UNLIKE, { id: String(video) });
    expect(await userCounts(author)).toEqual({
      id: String(author),
      favoriteCount: 0,
      totalFavorited: 0,
    });
  });

  it('answers the fields of several writes in one operation each as of its own write', async () => {
    const video = await subject.video(subject.id());
    const liker = subject.id();
    const result = await subject.run(
      liker,
      `mutation ($id: ID!) {
        a: likeVideo(videoId: $id) { favoriteCount isFavorite }
        b: unlikeVideo(videoId: $id) { favoriteCount isFavorite }
        c: likeVideo(videoId: $id) { favoriteCount isFavorite }
      }`,
      { id: String(video) },
    );
    expect(result.data).toEqual({
      a: { favoriteCount: 1, isFavorite: true },
      b: { favoriteCount: 0, isFavorite: false },
      c: { favoriteCount: 1, isFavorite: true },
    });
  });

  it.each([
    ['likes', LIKE],
    ['unlikes', UNLIKE],
  ])(
    'refuses anonymous %s as UNAUTHENTICATED and unknown videos as NOT_FOUND, writing nothing',
    async (_what, mutation) => {
      const video = await subject.video(subject.id());
      const anonymous = await subject.run(null, mutation, { id: String(video) });
      expect(anonymous.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
      ]);
      const liker = subject.id();
      const unknown = await subject.run(liker, mutation, { id: String(subject.id()) });
      expect(unknown.errors).toEqual([
        expect.objectContaining({
          message: 'No such video',
          extensions: { code: 'NOT_FOUND', field: 'videoId' },
        }),
      ]);
      const notAnId = await subject.run(liker, mutation, { id: '1e+06' });
      expect(notAnId.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(await videoCounts(null, video)).toEqual({
        id: String(video),
        favoriteCount: 0,
        isFavorite: false,
      });
      expect(await userCounts(liker)).toEqual({
        id: String(liker),
        favoriteCount: 0,
        totalFavorited: 0,
      });
    },
  );

  it('keeps every counter equal to COUNT(*) of its rows through a seeded random interleaving of 20 users', async () => {
    const random = seededRandom(20260131);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const users = Array.from({ length: 20 }, () => subject.id());
    // 6 videos by 3 of the users, so some likes are of one's own videos
    const videos: number[] = [];
    for (const author of users.slice(0, 3))
      videos.push(await subject.video(author), await subject.video(author));
    // each user's own steps run in order; the 20 users run at once, so their steps interleave
    const plans = users.map((user) =>
      Array.from({ length: 25 }, () => ({ user, like: random() < 0.6, video: pick(videos) })),
    );

    const errors = await runPlansAtOnce(plans, (step) =>
      subject.run(step.user, step.like ? LIKE : UNLIKE, { id: String(step.video) }),
    );

    expect(errors).toEqual([]);
    expect(await counterMismatches(subject)).toEqual([]);
    // and the rows are what the plans say: each (user, video) ends as its last step left it
    const expected = pairsLeftBy(
      plans.flat(),
      (step) => `${step.user}:${step.video}`,
      (step) => step.like,
    );
    const rows = await subject.db.select().from(favorites);
    const mine = rows.filter((row) => users.includes(row.userId));
    expect(new Set(mine.map((row) => `${row.userId}:${row.videoId}`))).toEqual(expected);
  });
});
