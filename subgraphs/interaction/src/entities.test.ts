import { getTableName } from 'drizzle-orm';
import { cacheKeys } from '@reel/common';
import { interactionOutbox } from './db/schema';
import { type InteractionUnderTest, startInteraction } from './test-app';

const LIKE = `mutation ($id: ID!) { likeVideo(videoId: $id) { id } }`;
const COMMENT = `mutation ($id: ID!, $content: String!) { addComment(videoId: $id, content: $content) { id } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Video { id favoriteCount commentCount isFavorite comments(first: 2) { edges { node { id content } } } }
  ... on User { id favoriteCount totalFavorited likedVideos(first: 2) { edges { node { id } likedAt } pageInfo { hasNextPage } } }
} }`;

interface VideoEntity {
  id: string;
  favoriteCount: number;
  commentCount: number;
  isFavorite: boolean;
  comments: { edges: { node: { id: string; content: string } }[] };
}
interface UserEntity {
  id: string;
  favoriteCount: number;
  totalFavorited: number;
  likedVideos: {
    edges: { node: { id: string }; likedAt: string }[];
    pageInfo: { hasNextPage: boolean };
  };
}

describe('Video and User entities of the interaction subgraph', () => {
  let subject: InteractionUnderTest;
  const authors: number[] = [];
  const videos: number[] = [];
  let viewer: number;
  beforeAll(async () => {
    subject = await startInteraction('ia_entities');
    // the outbox relay polls through the same pool every second; its statements are no request's
    subject.app.mysql.queries.ignore = new RegExp(`\\b${getTableName(interactionOutbox)}\\b`);
    viewer = subject.id();
    // 30 videos, each by an author of its own; the viewer likes every third, video n has n % 4 comments
    for (let n = 0; n < 30; n += 1) {
      authors.push(subject.id());
      videos.push(await subject.video(authors[n]!));
    }
    for (const [n, video] of videos.entries()) {
      if (n % 3 === 0) await subject.run(viewer, LIKE, { id: String(video) });
      for (let c = 0; c < n % 4; c += 1)
        await subject.run(authors[n]!, COMMENT, { id: String(video), content: `${n}.${c}` });
    }
  });
  afterAll(() => subject.close());

  const resolve = async <T>(
    viewerId: number | null,
    reps: { __typename: string; id: string }[],
  ) => {
    // cold counters (their version keys bumped): the counts below are of the uncached statements;
    // what a warm cache saves is counted on its own below
    await subject.bumpCacheVersions(
      reps.map(({ __typename, id }) =>
        __typename === 'Video' ? cacheKeys.video(id) : cacheKeys.user(id),
      ),
    );
    subject.app.mysql.queries.count = 0;
    const result = await subject.run<{ _entities: T[] }>(viewerId, ENTITIES, { reps });
    return { result, queries: subject.app.mysql.queries.count };
  };

  it('resolves 60 representations of 30 videos, with counts, flags and comments, in 3 SQL queries', async () => {
    const reps = [...videos, ...videos].map((id) => ({ __typename: 'Video', id: String(id) }));
    const { result, queries } = await resolve<VideoEntity>(viewer, reps);

    expect(result.errors).toBeUndefined();
    // video_counters IN (…), the viewer's favorites IN (…), every video's comments in one UNION ALL
    expect(queries).toBe(3);
    expect(result.data!._entities).toEqual(
      [...videos, ...videos].map((id, i) => {
        const n = i % 30;
        return {
          id: String(id),
          favoriteCount: n % 3 === 0 ? 1 : 0,
          commentCount: n % 4,
          isFavorite: n % 3 === 0,
          comments: {
            edges: Array.from({ length: n % 4 }, (_, c) => `${n}.${c}`)
              .reverse()
              .slice(0, 2)
              .map((content) => ({ node: { id: expect.any(String), content } })),
          },
        };
      }),
    );
  });

  it('answers counters read before from the per-process cache: no video_counters statement', async () => {
    const reps = videos.map((id) => ({ __typename: 'Video', id: String(id) }));
    const cold = await resolve<VideoEntity>(null, reps);
    subject.app.mysql.queries.count = 0;
    const warm = await subject.run<{ _entities: VideoEntity[] }>(null, ENTITIES, { reps });
    // only every video's comments in one UNION ALL
    expect(subject.app.mysql.queries.count).toBe(cold.queries - 1);
    expect(warm).toEqual(cold.result);
  });

  it('asks no SQL for isFavorite when anonymous', async () => {
    const reps = videos.map((id) => ({ __typename: 'Video', id: String(id) }));
    const { result, queries } = await resolve<VideoEntity>(null, reps);
    expect(queries).toBe(2);
    expect(result.data!._entities.every((video) => !video.isFavorite)).toBe(true);
  });

  it('resolves 31 users with their counts and liked videos in 2 SQL queries', async () => {
    const reps = [viewer, ...authors].map((id) => ({ __typename: 'User', id: String(id) }));
    const { result, queries } = await resolve<UserEntity>(viewer, reps);

    expect(result.errors).toBeUndefined();
    // user_counters IN (…), every user's liked videos in one UNION ALL
    expect(queries).toBe(2);
    const liked = videos.filter((_, n) => n % 3 === 0);
    expect(result.data!._entities).toEqual([
      {
        id: String(viewer),
        favoriteCount: 10,
        totalFavorited: 0,
        likedVideos: {
          edges: liked
            .reverse()
            .slice(0, 2)
            .map((id) => ({ node: { id: String(id) }, likedAt: expect.any(String) })),
          pageInfo: { hasNextPage: true },
        },
      },
      ...authors.map((id, n) => ({
        id: String(id),
        favoriteCount: 0,
        totalFavorited: n % 3 === 0 ? 1 : 0,
        likedVideos: { edges: [], pageInfo: { hasNextPage: false } },
      })),
    ]);
  });
});
