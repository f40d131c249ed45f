import { once } from 'node:events';
import { counterPairs } from '@reel/testkit/interleave';
import { runAs } from '@reel/testkit/run-as';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { connectRedis, createLogger, parseConfig, RedisVersionStore } from '@reel/common';
import { isolatedDatabase } from '@reel/testkit/database';
import { natsUrl, runEnv } from '@reel/testkit/run-env';
import { subgraph } from './app';
import { comments, favorites, userCounters, videoAuthors, videoCounters } from './db/schema';
import { recordVideoAuthor, type VideoFacts } from './domain/video-authors';

/** How long test videos are, unless a test says otherwise. */
export const testVideoDurationMs = 15_000;

/**
 * The interaction subgraph alone, on a database of its own, for tests that speak to it directly
 * (as the gateway would) with any viewer id: users and videos are only ids here. Its consumer
 * reads `video.created` in a namespace of its own; its read-through asks a stand-in gateway.
 * `env` overrides configuration.
 */
export async function startInteraction(suffix: string, env: Record<string, string> = {}) {
  const database = await isolatedDatabase(suffix);
  const gateway = await standInGateway();
  const namespace = `${runEnv().namespace}_${suffix}`.slice(0, 32);
  const config = parseConfig({
    MYSQL_URL: database.url,
    NATS_URL: natsUrl(),
    GATEWAY_URL: gateway.url,
    REEL_NAMESPACE: namespace,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const app = await subgraph.create(config, createLogger(config, 'interaction'));
  const { db } = app.mysql;
  const redis = connectRedis(config.redis.url, namespace);
  const versions = new RedisVersionStore(redis);
  let nextId = 1;

  return {
    app,
    db,
    namespace,
    /** What the subgraph's read-through reaches instead of a gateway. */
    gateway,
    /** A fresh id for a user or a video, unique within this database. */
    id: () => nextId++,
    /**
     * A video the projection knows, as the `video.created` consumer records it; durationMs null as
     * in a row projected before durations were carried.
     */
    async video(
      authorId: number,
      durationMs: number | null = testVideoDurationMs,
    ): Promise<number> {
      const videoId = nextId++;
      await recordVideoAuthor(db, { videoId, authorId, durationMs });
      return videoId;
    },
    /** Runs an operation as `viewerId` (null: anonymous) through the subgraph's own pipeline. */
    run: runAs(app),
    /** Invalidates the cached rows of these version keys (`cacheKeys`), in every process. */
    bumpCacheVersions: (keys: readonly string[]) => versions.bump(keys),
    /**
     * Every counter beside COUNT(*) of the rows it counts, for each video and user that has
     * either: `[counter, rows]` pairs keyed by what they count.
     */
    async countersAndRows(): Promise<Map<string, [number, number]>> {
      const { pairs, counter, rows } = counterPairs();
      for (const row of await db.select().from(videoCounters)) {
        counter(`video ${row.videoId} favorite_count`, row.favoriteCount);
        counter(`video ${row.videoId} comment_count`, row.commentCount);
      }
      for (const row of await db.select().from(userCounters)) {
        counter(`user ${row.userId} favorite_count`, row.favoriteCount);
        counter(`user ${row.userId} total_favorited`, row.totalFavorited);
      }
      const likesPerVideo = db
        .select({ id: favorites.videoId, n: count() })
        .from(favorites)
        .groupBy(favorites.videoId);
      for (const row of await likesPerVideo) rows(`video ${row.id} favorite_count`, row.n);
      const commentsPerVideo = db
        .select({ id: comments.videoId, n: count() })
        .from(comments)
        .groupBy(comments.videoId);
      for (const row of await commentsPerVideo) rows(`video ${row.id} comment_count`, row.n);
      const likesPerUser = db
        .select({ id: favorites.userId, n: count() })
        .from(favorites)
        .groupBy(favorites.userId);
      for (const row of await likesPerUser) rows(`user ${row.id} favorite_count`, row.n);
      const likesPerAuthor = db
        .select({ id: videoAuthors.authorId, n: count() })
        .from(favorites)
        .innerJoin(videoAuthors, eq(videoAuthors.videoId, favorites.videoId))
        .groupBy(videoAuthors.authorId);
      for (const row of await likesPerAuthor) rows(`user ${row.id} total_favorited`, row.n);
      return pairs;
    },
    async close() {
      await app.close();
      await redis.quit().catch(() => undefined);
      await gateway.close();
      await database.drop();
    },
  };
}

/**
 * Answers the one question the read-through asks the gateway (video-lookup.ts), as the
 * supergraph would: the videos in `videos` exist (published, their event not consumed here),
 * no other does. `mode` makes it fail the ways a gateway can: never answering, or hanging up.
 */
async function standInGateway() {
  const videos = new Map<number, Omit<VideoFacts, 'videoId'>>();
  const state = { mode: 'answering' as 'answering' | 'silent' | 'hanging-up', asked: 0 };
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    state.asked += 1;
    if (state.mode === 'silent') return; // the socket stays open until close()
    if (state.mode === 'hanging-up') return void request.socket.destroy();
    const { variables } = JSON.parse(body) as { variables: { id: string } };
    const video = videos.get(Number(variables.id));
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        data: {
          video: video
            ? {
                id: variables.id,
                duration: video.durationMs / 1000,
                author: { id: String(video.authorId) },
              }
            : null,
        },
      }),
    );
  };
  const server = createServer((request, response) => void answer(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    videos,
    state,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
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
