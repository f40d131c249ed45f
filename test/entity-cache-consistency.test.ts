/**
 * The subgraphs' entity caches (README "Caches and consistency": counters and users rows kept
 * per process on the `video:<id>` / `user:<id>` version keys), across two instances of the whole
 * stack sharing one database, Redis and namespace: once a like, comment, follow, publish or
 * registration has returned on one,
 * the next read on the other shows it, with no sleep and no retry. Reads are logged in, so the
 * page caches are bypassed and what is read comes through the subgraphs' loaders and their caches.
 */
import { max } from 'drizzle-orm';
import { cacheKeys } from '@reel/common';
import { graphql, seeder, type SeededUser } from '@reel/testkit';
import { users } from '@reel/user-subgraph/db/schema';
import { seedVideo, type Stack, type StackReplica, startStack, writeAs } from './harness';

let stack: Stack;
let replica: StackReplica;
let reader: SeededUser;

beforeAll(async () => {
  stack = await startStack();
  replica = await stack.startReplica();
  reader = await seeder(stack.gatewayUrl).user();
});
afterAll(() => stack.close());

const gateways = () => [stack.gatewayUrl, replica.gatewayUrl];

interface Counts {
  video: {
    favoriteCount: number;
    commentCount: number;
    author: {
      followerCount: number;
      followCount: number;
      favoriteCount: number;
      totalFavorited: number;
      workCount: number;
    };
  };
  user: { followerCount: number; followCount: number; favoriteCount: number };
}

const USER_COUNTS = 'followerCount followCount favoriteCount';
const COUNTS = `query ($video: ID!, $user: ID!) {
  video(id: $video) { favoriteCount commentCount author { ${USER_COUNTS} totalFavorited workCount } }
  user(id: $user) { ${USER_COUNTS} }
}`;

/** A video's and a user's counts, read by `reader` (logged in) on `gatewayUrl`. */
async function counts(gatewayUrl: string, videoId: string, userId: string): Promise<Counts> {
  const response = await graphql<Counts>(
    gatewayUrl,
    COUNTS,
    { video: videoId, user: userId },
    { token: reader.token },
  );
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** A fresh author, video and actor, with both instances' caches warm with their counts. */
async function warm() {
  const author = await seeder(stack.gatewayUrl).user();
  const actor = await seeder(stack.gatewayUrl).user();
  const videoId = await seedVideo(stack, author.user.id, 'counted', new Date());
  const before = await counts(stack.gatewayUrl, videoId, actor.user.id);
  for (const url of gateways()) {
    expect(await counts(url, videoId, actor.user.id)).toEqual(before);
    expect(await counts(url, videoId, actor.user.id)).toEqual(before);
  }
  return { author, actor, videoId, before };
}

describe('entity caches: read-your-writes across two instances', () => {
  it('a like on one instance is counted in the next read on the other (video, liker, author)', async () => {
    const { actor, videoId, before } = await warm();
    await writeAs(stack.gatewayUrl, actor, 'like', videoId);
    expect(await counts(replica.gatewayUrl, videoId, actor.user.id)).toEqual({
      video: {
        ...before.video,
        favoriteCount: 1,
        author: { ...before.video.author, totalFavorited: 1 },
      },
      user: { ...before.user, favoriteCount: 1 },
    });
    await writeAs(replica.gatewayUrl, actor, 'unlike', videoId);
    expect(await counts(stack.gatewayUrl, videoId, actor.user.id)).toEqual(before);
  });

  it('a comment on one instance is counted in the next read on the other', async () => {
    const { actor, videoId, before } = await warm();
    await writeAs(replica.gatewayUrl, actor, 'comment', videoId);
    expect(await counts(stack.gatewayUrl, videoId, actor.user.id)).toEqual({
      ...before,
      video: { ...before.video, commentCount: 1 },
    });
  });

  it('a follow on one instance is counted in the next read on the other (follower and followee)', async () => {
    const { author, actor, videoId, before } = await warm();
    await writeAs(stack.gatewayUrl, actor, 'follow', author.user.id);
    expect(await counts(replica.gatewayUrl, videoId, actor.user.id)).toEqual({
      video: { ...before.video, author: { ...before.video.author, followerCount: 1 } },
      user: { ...before.user, followCount: 1 },
    });
    await writeAs(replica.gatewayUrl, actor, 'unfollow', author.user.id);
    expect(await counts(stack.gatewayUrl, videoId, actor.user.id)).toEqual(before);
  });

  // the row a repeat finds may be a concurrent duplicate's, committed but not yet bumped: the
  // repeat's own answer reads the counts, so it bumps too (test/counter-model.test.ts met it)
  it('a repeated like, unlike, follow or unfollow bumps the version keys its answer reads', async () => {
    const { author, actor, videoId } = await warm();
    const keys = [
      cacheKeys.video(videoId),
      cacheKeys.user(actor.user.id),
      cacheKeys.user(author.user.id),
    ];
    for (const [write, id] of [
      ['like', videoId],
      ['unlike', videoId],
      ['follow', author.user.id],
      ['unfollow', author.user.id],
    ] as const) {
      await writeAs(stack.gatewayUrl, actor, write, id);
      const before = await stack.cacheVersions(keys);
      await writeAs(replica.gatewayUrl, actor, write, id); // a repeat: no row moves
      const after = await stack.cacheVersions(keys);
      const bumped = write.endsWith('like') ? [0, 1, 2] : [1, 2];
      for (const i of bumped)
        expect({ write, key: keys[i], changed: after[i] !== before[i] }).toEqual({
          write,
          key: keys[i],
          changed: true,
        });
    }
  });

  it('a publish on one instance is counted in the next read on the other', async () => {
    const { author, actor, videoId, before } = await warm();
    await seeder(replica.gatewayUrl).video(author.token, { title: 'just now' });
    expect(await counts(stack.gatewayUrl, videoId, actor.user.id)).toEqual({
      ...before,
      video: {
        ...before.video,
        author: { ...before.video.author, workCount: before.video.author.workCount + 1 },
      },
    });
  });

  it('a registration on one instance is found by the next read on the other, where its id was absent', async () => {
    const [row] = await stack.subgraphs.user.mysql.db.select({ last: max(users.id) }).from(users);
    // the next few ids, read on both instances while no such user exists: cached as absent
    const next = [1, 2, 3].map((n) => String(row!.last! + n));
    const USER = 'query ($id: ID!) { user(id: $id) { id name } }';
    const userOn = async (url: string, id: string) => {
      const response = await graphql<{ user: { id: string; name: string } | null }>(
        url,
        USER,
        { id },
        { token: reader.token },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.user;
    };
    for (const url of gateways())
      for (const id of [...next, ...next]) expect(await userOn(url, id)).toBeNull();
    const registered = await seeder(replica.gatewayUrl).user();
    expect(next).toContain(registered.user.id);
    expect(await userOn(stack.gatewayUrl, registered.user.id)).toEqual({
      id: registered.user.id,
      name: registered.user.name,
    });
  });
});
