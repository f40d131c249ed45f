import { count, eq, inArray, lt, or } from 'drizzle-orm';
import fc from 'fast-check';
import { transactionRetries } from '@reel/common';
import {
  favorites,
  userCounters,
  videoAuthors,
  videoCounters,
} from '@reel/interaction-subgraph/db/schema';
import { followCounters, follows } from '@reel/social-subgraph/db/schema';
import { counterPairs, graphql, type SeededUser, seeder } from '@reel/testkit';
import { seedVideo, type Stack, startStack } from './harness';

const USERS = 20;
const VIDEOS = 6; // by 3 of the users, so some likes are of one's own videos
const NUM_RUNS = 6;
const MAX_COMMANDS = 6;
const MAX_OPS_PER_BATCH = 10;
// runs stop being started past this (fast-check's interruptAfterTimeLimit): the test's length is
// bounded whatever the machine's load; at least one whole run is required
const RUNS_TIME_LIMIT_MS = 150_000;
// far beyond what the runs send: the per-user limits are another test's subject
const UNLIMITED = { points: 1_000_000, durationSeconds: 60 };

const LIKE = 'mutation ($v: ID!) { likeVideo(videoId: $v) { id isFavorite favoriteCount } }';
const UNLIKE = 'mutation ($v: ID!) { unlikeVideo(videoId: $v) { id isFavorite favoriteCount } }';
const FOLLOW = 'mutation ($u: ID!) { follow(userId: $u) { id isFollow followerCount } }';
const UNFOLLOW = 'mutation ($u: ID!) { unfollow(userId: $u) { id isFollow followerCount } }';

type Op =
  | { kind: 'like' | 'unlike'; user: number; video: number; copies: number }
  | { kind: 'follow' | 'unfollow'; user: number; target: number; copies: number };

/** What the rows must be: the like and follow pairs, as "user:video" and "follower:followee". */
interface Model {
  likes: Set<string>;
  follows: Set<string>;
}

interface Real {
  stack: Stack;
  users: SeededUser[];
  videos: string[];
  /** Every answer that broke its expectation, so a run fails with all of them. */
  failures: string[];
}

const keyOf = (op: Op) =>
  'video' in op ? `like ${op.user}:${op.video}` : `follow ${op.user}:${op.target}`;

const copies = fc.integer({ min: 1, max: 3 }); // the same request sent at once: idempotency
const user = fc.integer({ min: 0, max: USERS - 1 });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('like' as const, 'unlike' as const),
    user,
    video: fc.integer({ min: 0, max: VIDEOS - 1 }),
    copies,
  }),
  // target may be the user: a self-follow, refused
  fc.record({
    kind: fc.constantFrom('follow' as const, 'unfollow' as const),
    user,
    target: user,
    copies,
  }),
);

/**
 * One step of a run: up to MAX_OPS_PER_BATCH writes sent at once, each on its own (user, target)
 * pair so the model knows what each must answer, while they all contend for the same counter
 * rows (a video's, an author's, a followee's), the rows InnoDB deadlocks on.
 */
class Batch implements fc.AsyncCommand<Model, Real> {
  constructor(private readonly ops: readonly Op[]) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    await Promise.all(this.ops.map((op) => runOp(op, real)));
    for (const op of this.ops) {
      if ('video' in op) {
        if (op.kind === 'like') model.likes.add(`${op.user}:${op.video}`);
        else model.likes.delete(`${op.user}:${op.video}`);
      } else if (op.user !== op.target) {
        if (op.kind === 'follow') model.follows.add(`${op.user}:${op.target}`);
        else model.follows.delete(`${op.user}:${op.target}`);
      }
    }
    expect(real.failures).toEqual([]);
    expect(await rowsOf(real)).toEqual(asSorted(model));
  }

  toString(): string {
    return `Batch(${this.ops.map((op) => `${keyOf(op)} ${op.kind} x${op.copies}`).join(', ')})`;
  }
}

async function runOp(op: Op, real: Real): Promise<void> {
  const { token } = real.users[op.user]!;
  const send = (query: string, variables: Record<string, unknown>) =>
    Promise.all(
      Array.from({ length: op.copies }, () =>
        graphql(real.stack.gatewayUrl, query, variables, { token }),
      ),
    );
  const fail = (answer: unknown) =>
    real.failures.push(`${keyOf(op)} ${op.kind}: ${JSON.stringify(answer)}`);
  if ('video' in op) {
    const liked = op.kind === 'like';
    const video = real.videos[op.video]!;
    for (const answer of await send(liked ? LIKE : UNLIKE, { v: video })) {
      const field = (answer.data?.[op.kind === 'like' ? 'likeVideo' : 'unlikeVideo'] ?? null) as {
        isFavorite: boolean;
        favoriteCount: number;
      } | null;
      const counted = field && field.favoriteCount >= (liked ? 1 : 0);
      if (answer.status !== 200 || answer.errors || field?.isFavorite !== liked || !counted)
        fail(answer);
    }
    return;
  }
  const target = real.users[op.target]!.user.id;
  const following = op.kind === 'follow';
  for (const answer of await send(following ? FOLLOW : UNFOLLOW, { u: target })) {
    if (op.user === op.target) {
      // unfollowing oneself is a no-op of the same kind: both are refused
      const codes = answer.errors?.map((error) => error.extensions?.code);
      if (answer.data != null || JSON.stringify(codes) !== '["BAD_USER_INPUT"]') fail(answer);
      continue;
    }
    const field = (answer.data?.[op.kind] ?? null) as {
      isFollow: boolean;
      followerCount: number;
    } | null;
    const counted = field && field.followerCount >= (following ? 1 : 0);
    if (answer.status !== 200 || answer.errors || field?.isFollow !== following || !counted)
      fail(answer);
  }
}

/** The like and follow pairs of this test's users, as the model spells them. */
async function rowsOf(real: Real): Promise<{ likes: string[]; follows: string[] }> {
  const userIndex = new Map(real.users.map((seeded, i) => [Number(seeded.user.id), i]));
  const videoIndex = new Map(real.videos.map((id, i) => [Number(id), i]));
  const ids = [...userIndex.keys()];
  const likeRows = await real.stack.subgraphs.interaction.mysql.db
    .select()
    .from(favorites)
    .where(inArray(favorites.userId, ids));
  const followRows = await real.stack.subgraphs.social.mysql.db
    .select()
    .from(follows)
    .where(inArray(follows.followerId, ids));
  return {
    likes: likeRows
      .map((row) => `${userIndex.get(row.userId)}:${videoIndex.get(row.videoId)}`)
      .sort(),
    follows: followRows
      .map((row) => `${userIndex.get(row.followerId)}:${userIndex.get(row.followeeId)}`)
      .sort(),
  };
}

const asSorted = (model: Model) => ({
  likes: [...model.likes].sort(),
  follows: [...model.follows].sort(),
});

/** Every counter of the stack beside COUNT(*) of its rows: those that differ, and any below 0. */
async function counterProblems(stack: Stack): Promise<string[]> {
  const interaction = stack.subgraphs.interaction.mysql.db;
  const social = stack.subgraphs.social.mysql.db;
  const { pairs, counter, rows } = counterPairs();
  for (const row of await interaction.select().from(videoCounters))
    counter(`video ${row.videoId} favorite_count`, row.favoriteCount);
  for (const row of await interaction.select().from(userCounters)) {
    counter(`user ${row.userId} favorite_count`, row.favoriteCount);
    counter(`user ${row.userId} total_favorited`, row.totalFavorited);
  }
  for (const row of await social.select().from(followCounters)) {
    counter(`user ${row.userId} follow_count`, row.followCount);
    counter(`user ${row.userId} follower_count`, row.followerCount);
  }
  const perVideo = interaction
    .select({ id: favorites.videoId, n: count() })
    .from(favorites)
    .groupBy(favorites.videoId);
  for (const row of await perVideo) rows(`video ${row.id} favorite_count`, row.n);
  const perLiker = interaction
    .select({ id: favorites.userId, n: count() })
    .from(favorites)
    .groupBy(favorites.userId);
  for (const row of await perLiker) rows(`user ${row.id} favorite_count`, row.n);
  const perAuthor = interaction
    .select({ id: videoAuthors.authorId, n: count() })
    .from(favorites)
    .innerJoin(videoAuthors, eq(videoAuthors.videoId, favorites.videoId))
    .groupBy(videoAuthors.authorId);
  for (const row of await perAuthor) rows(`user ${row.id} total_favorited`, row.n);
  const perFollower = social
    .select({ id: follows.followerId, n: count() })
    .from(follows)
    .groupBy(follows.followerId);
  for (const row of await perFollower) rows(`user ${row.id} follow_count`, row.n);
  const perFollowee = social
    .select({ id: follows.followeeId, n: count() })
    .from(follows)
    .groupBy(follows.followeeId);
  for (const row of await perFollowee) rows(`user ${row.id} follower_count`, row.n);

  const negative = [
    ...(await interaction
      .select({ id: videoCounters.videoId })
      .from(videoCounters)
      .where(lt(videoCounters.favoriteCount, 0))),
    ...(await interaction
      .select({ id: userCounters.userId })
      .from(userCounters)
      .where(or(lt(userCounters.favoriteCount, 0), lt(userCounters.totalFavorited, 0)))),
    ...(await social
      .select({ id: followCounters.userId })
      .from(followCounters)
      .where(or(lt(followCounters.followCount, 0), lt(followCounters.followerCount, 0)))),
  ].map(({ id }) => `negative counter of ${id}`);
  return [
    ...negative,
    ...[...pairs]
      .filter(([, [counted, actual]]) => counted !== actual)
      .map(([what, [counted, actual]]) => `${what}: counter ${counted}, rows ${actual}`),
  ];
}

describe('RELIABILITY row 22: counters under a fast-check model of concurrent likes and follows', () => {
  let stack: Stack;
  let users: SeededUser[];
  let videos: string[];
  beforeAll(async () => {
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: 'in-process', RATE_LIMIT_IP_PER_MINUTE: '1000000' },
      { gateway: { actionRateLimits: { like: UNLIMITED, follow: UNLIMITED } } },
    );
    users = [];
    for (let i = 0; i < USERS; i += 1) users.push(await seeder(stack.gatewayUrl).user());
    videos = [];
    for (let i = 0; i < VIDEOS; i += 1)
      videos.push(
        await seedVideo(
          stack,
          users[i % 3]!.user.id,
          `model ${i}`,
          new Date(Date.UTC(2008, 0, 1, 0, 0, i)),
        ),
      );
  });
  afterAll(() => stack?.close());

  // there is no delete-video mutation yet, so the model has no delete-video command
  it(
    'keeps every counter equal to COUNT(*) of its rows, none negative, and lets no deadlock reach a client',
    async () => {
      const before = { ...transactionRetries };
      const batch = fc
        .uniqueArray(opArbitrary, { minLength: 1, maxLength: MAX_OPS_PER_BATCH, selector: keyOf })
        .map((ops) => new Batch(ops));
      const details = await fc.check(
        fc.asyncProperty(fc.commands([batch], { maxCommands: MAX_COMMANDS }), async (commands) => {
          const real: Real = { stack, users, videos, failures: [] };
          // each run starts from the rows the previous ones left
          const rows = await rowsOf(real);
          const model: Model = { likes: new Set(rows.likes), follows: new Set(rows.follows) };
          await fc.asyncModelRun(() => ({ model, real }), commands);
          expect(await counterProblems(stack)).toEqual([]);
        }),
        { numRuns: NUM_RUNS, interruptAfterTimeLimit: RUNS_TIME_LIMIT_MS },
      );
      if (details.failed) throw new Error(fc.defaultReportMessage(details));
      expect(details.numRuns).toBeGreaterThan(0);
      const retried = transactionRetries.deadlocks - before.deadlocks;
      expect(transactionRetries.deadlocksGivenUp - before.deadlocksGivenUp).toBe(0);
      // a number to read, not to assert: how often InnoDB broke a deadlock and a write ran again
      console.info(
        `row 22: ${details.numRuns} runs, ${retried} deadlocks retried inside the subgraphs, none reached a client`,
      );
    },
    RUNS_TIME_LIMIT_MS + 90_000,
  );
});
