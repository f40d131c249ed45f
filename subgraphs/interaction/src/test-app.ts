import { count, eq } from 'drizzle-orm';
import { createLogger, type LocalResult, parseConfig } from '@reel/common';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { subgraph } from './app';
import { comments, favorites, userCounters, videoAuthors, videoCounters } from './db/schema';
import { recordVideoAuthor } from './domain/video-authors';

/**
 * The interaction subgraph alone, on a database of its own, for tests that speak to it directly
 * (as the gateway would) with any viewer id: users and videos are only ids here.
 */
export async function startInteraction(suffix: string) {
  const database = await isolatedDatabase(suffix);
  const config = parseConfig({
    MYSQL_URL: database.url,
    REEL_NAMESPACE: `${runEnv().namespace}_${suffix}`.slice(0, 32),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const app = await subgraph.create(config, createLogger(config, 'interaction'));
  const { db } = app.mysql;
  let nextId = 1;

  return {
    app,
    db,
    /** Where its events go (NATS subjects and streams): this database's own. */
    namespace: config.namespace,
    /** A fresh id for a user or a video, unique within this database. */
    id: () => nextId++,
    /**
     * A video the projection knows, as the `video.created` consumer will record it (until that
     * consumer exists, tests stand in for the event).
     */
    async video(authorId: number): Promise<number> {
      const videoId = nextId++;
      await recordVideoAuthor(db, { videoId, authorId });
      return videoId;
    },
    /** Runs an operation as `viewerId` (null: anonymous) through the subgraph's own pipeline. */
    run<TData = Record<string, unknown>>(
      viewerId: number | null,
      query: string,
      variables: Record<string, unknown> = {},
    ): Promise<LocalResult & { data?: TData | null }> {
      return app.executeAs(viewerId === null ? null : { id: viewerId }, {
        query,
        variables,
      }) as Promise<LocalResult & { data?: TData | null }>;
    },
    /**
     * Every counter beside COUNT(*) of the rows it counts, for each video and user that has
     * either: `[counter, rows]` pairs keyed by what they count.
     */
    async countersAndRows(): Promise<Map<string, [number, number]>> {
      const pairs = new Map<string, [number, number]>();
      const put = (key: string, at: 0 | 1, n: number) => {
        const pair = pairs.get(key) ?? [0, 0];
        pair[at] = n;
        pairs.set(key, pair);
      };
      for (const row of await db.select().from(videoCounters)) {
        put(`video ${row.videoId} favorite_count`, 0, row.favoriteCount);
        put(`video ${row.videoId} comment_count`, 0, row.commentCount);
      }
      for (const row of await db.select().from(userCounters)) {
        put(`user ${row.userId} favorite_count`, 0, row.favoriteCount);
        put(`user ${row.userId} total_favorited`, 0, row.totalFavorited);
      }
      const likesPerVideo = db
        .select({ id: favorites.videoId, n: count() })
        .from(favorites)
        .groupBy(favorites.videoId);
      for (const row of await likesPerVideo) put(`video ${row.id} favorite_count`, 1, row.n);
      const commentsPerVideo = db
        .select({ id: comments.videoId, n: count() })
        .from(comments)
        .groupBy(comments.videoId);
      for (const row of await commentsPerVideo) put(`video ${row.id} comment_count`, 1, row.n);
      const likesPerUser = db
        .select({ id: favorites.userId, n: count() })
        .from(favorites)
        .groupBy(favorites.userId);
      for (const row of await likesPerUser) put(`user ${row.id} favorite_count`, 1, row.n);
      const likesPerAuthor = db
        .select({ id: videoAuthors.authorId, n: count() })
        .from(favorites)
        .innerJoin(videoAuthors, eq(videoAuthors.videoId, favorites.videoId))
        .groupBy(videoAuthors.authorId);
      for (const row of await likesPerAuthor) put(`user ${row.id} total_favorited`, 1, row.n);
      return pairs;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export type InteractionUnderTest = Awaited<ReturnType<typeof startInteraction>>;

/** Counters that differ from COUNT(*) of their rows, as "what: counter c, rows r"; [] when none. */
export async function counterMismatches(subject: InteractionUnderTest): Promise<string[]> {
  return [...(await subject.countersAndRows())]
    .filter(([, [counter, rows]]) => counter !== rows)
    .map(([what, [counter, rows]]) => `${what}: counter ${counter}, rows ${rows}`);
}
