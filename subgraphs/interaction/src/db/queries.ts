import { and, asc, eq, getTableColumns, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { driverRowMapper, inPlaceholder, preparedPerDb } from '@reel/common';
import {
  type CommentRow,
  comments,
  danmaku,
  type DanmakuRow,
  favorites,
  type schema,
  type UserCountersRow,
  userCounters,
  type VideoAuthorRow,
  videoAuthors,
  type VideoCountersRow,
  videoCounters,
} from './schema';

export type InteractionDb = MySql2Database<typeof schema>;
export type Tx = Parameters<Parameters<InteractionDb['transaction']>[0]>[0];

// mysql2 answers a write with a ResultSetHeader first
const affectedRows = (result: [{ affectedRows: number }, unknown]) => result[0].affectedRows;

/** `column + VALUES(column)`: an upsert adds the inserted row's value to the existing one. */
const addInserted = (column: MySqlColumn): SQL =>
  sql`${column} + values(${sql.identifier(column.name)})`;

/** `column - 1`, never below 0 (and never an unsigned underflow error). */
const decrement = (column: MySqlColumn): SQL => sql`${column} - least(${column}, 1)`;

// the feed's hot reads, prepared once per handle (preparedPerDb)
const videoCountersStatement = preparedPerDb((db: InteractionDb) =>
  db.select().from(videoCounters).where(inPlaceholder(videoCounters.videoId, 'ids')).prepare(),
);
const userCountersStatement = preparedPerDb((db: InteractionDb) =>
  db.select().from(userCounters).where(inPlaceholder(userCounters.userId, 'ids')).prepare(),
);
const likedAmongStatement = preparedPerDb((db: InteractionDb) =>
  db
    .select({ videoId: favorites.videoId })
    .from(favorites)
    .where(
      and(eq(favorites.userId, sql.placeholder('userId')), inPlaceholder(favorites.videoId, 'ids')),
    )
    .prepare(),
);

export async function videoCountersByIds(
  db: InteractionDb,
  videoIds: readonly number[],
): Promise<VideoCountersRow[]> {
  if (videoIds.length === 0) return [];
  return videoCountersStatement(db).execute({ ids: videoIds });
}

export async function userCountersByIds(
  db: InteractionDb,
  userIds: readonly number[],
): Promise<UserCountersRow[]> {
  if (userIds.length === 0) return [];
  return userCountersStatement(db).execute({ ids: userIds });
}

/** Which of `videoIds` the user likes. */
export async function likedAmong(
  db: InteractionDb,
  userId: number,
  videoIds: readonly number[],
): Promise<number[]> {
  if (videoIds.length === 0) return [];
  const rows = await likedAmongStatement(db).execute({ userId, ids: videoIds });
  return rows.map((row) => row.videoId);
}

export async function commentsByIds(
  db: InteractionDb,
  ids: readonly number[],
): Promise<CommentRow[]> {
  return db
    .select()
    .from(comments)
    .where(inArray(comments.id, [...ids]));
}

/** The video as the projection knows it; null when the projection has not seen the video. */
export async function projectedVideo(
  db: InteractionDb | Tx,
  videoId: number,
): Promise<VideoAuthorRow | null> {
  const [row] = await db.select().from(videoAuthors).where(eq(videoAuthors.videoId, videoId));
  return row ?? null;
}

/** Inserts the like unless it exists; true when this call inserted it. */
export async function insertFavorite(
  tx: Tx,
  values: { userId: number; videoId: number; createdAt: Date },
): Promise<boolean> {
  return affectedRows(await tx.insert(favorites).ignore().values(values)) === 1;
}

/** Deletes the like if it exists; true when this call deleted it. */
export async function deleteFavorite(tx: Tx, userId: number, videoId: number): Promise<boolean> {
  return (
    affectedRows(
      await tx
        .delete(favorites)
        .where(and(eq(favorites.userId, userId), eq(favorites.videoId, videoId))),
    ) === 1
  );
}

/**
 * The user_counters changes of one like: the liker's favorite_count and the author's
 * total_favorited (one row when a user likes their own video), in user id order so that two
 * transactions always lock the same rows in the same order.
 */
function likeUserDeltas(like: { userId: number; authorId: number }) {
  const deltas = new Map<number, { favoriteCount: number; totalFavorited: number }>();
  deltas.set(like.userId, { favoriteCount: 1, totalFavorited: 0 });
  const author = deltas.get(like.authorId) ?? { favoriteCount: 0, totalFavorited: 0 };
  deltas.set(like.authorId, { ...author, totalFavorited: 1 });
  return [...deltas].sort(([a], [b]) => a - b).map(([userId, delta]) => ({ userId, ...delta }));
}

/**
 * Moves the counters of one like (+1) or unlike (-1): the video's, the liker's and the author's.
 * Locks video_counters before user_counters, like every other writer here.
 */
export async function moveLikeCounters(
  tx: Tx,
  like: { videoId: number; userId: number; authorId: number },
  direction: 1 | -1,
): Promise<void> {
  const users = likeUserDeltas(like);
  if (direction === 1) {
    await tx
      .insert(videoCounters)
      .values({ videoId: like.videoId, favoriteCount: 1 })
      .onDuplicateKeyUpdate({ set: { favoriteCount: addInserted(videoCounters.favoriteCount) } });
    await tx
      .insert(userCounters)
      .values(users)
      .onDuplicateKeyUpdate({
        set: {
          favoriteCount: addInserted(userCounters.favoriteCount),
          totalFavorited: addInserted(userCounters.totalFavorited),
        },
      });
    return;
  }
  await tx
    .update(videoCounters)
    .set({ favoriteCount: decrement(videoCounters.favoriteCount) })
    .where(eq(videoCounters.videoId, like.videoId));
  for (const user of users) {
    await tx
      .update(userCounters)
      .set({
        ...(user.favoriteCount ? { favoriteCount: decrement(userCounters.favoriteCount) } : {}),
        ...(user.totalFavorited ? { totalFavorited: decrement(userCounters.totalFavorited) } : {}),
      })
      .where(eq(userCounters.userId, user.userId));
  }
}

export async function insertComment(tx: Tx, values: Omit<CommentRow, 'id'>): Promise<CommentRow> {
  const [result] = await tx.insert(comments).values(values);
  return { id: result.insertId, ...values };
}

/** The comment, its row locked until the transaction ends. */
export async function commentForUpdate(tx: Tx, id: number): Promise<CommentRow | null> {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for('update');
  return row ?? null;
}

export async function deleteComment(tx: Tx, id: number): Promise<boolean> {
  return affectedRows(await tx.delete(comments).where(eq(comments.id, id))) === 1;
}

export async function moveCommentCount(tx: Tx, videoId: number, direction: 1 | -1): Promise<void> {
  if (direction === 1) {
    await tx
      .insert(videoCounters)
      .values({ videoId, commentCount: 1 })
      .onDuplicateKeyUpdate({ set: { commentCount: addInserted(videoCounters.commentCount) } });
    return;
  }
  await tx
    .update(videoCounters)
    .set({ commentCount: decrement(videoCounters.commentCount) })
    .where(eq(videoCounters.videoId, videoId));
}

/**
 * Inserts the projection row unless it exists. A video's author never changes, so an existing row
 * keeps its author; it takes the duration only when it had none (projected before events carried
 * it), so however often and in whatever order a video is recorded, its row ends the same.
 */
export async function upsertVideoAuthor(
  db: InteractionDb | Tx,
  row: VideoAuthorRow,
): Promise<void> {
  await db
    .insert(videoAuthors)
    .values(row)
    .onDuplicateKeyUpdate({
      set: {
        durationMs: sql`coalesce(${videoAuthors.durationMs}, values(${sql.identifier(videoAuthors.durationMs.name)}))`,
      },
    });
}

export async function insertDanmaku(tx: Tx, values: Omit<DanmakuRow, 'id'>): Promise<DanmakuRow> {
  const [result] = await tx.insert(danmaku).values(values);
  return { id: result.insertId, ...values };
}

export async function danmakuByIds(
  db: InteractionDb,
  ids: readonly number[],
): Promise<DanmakuRow[]> {
  return db
    .select()
    .from(danmaku)
    .where(inArray(danmaku.id, [...ids]));
}

/** A stretch of one video's timeline: fromMs ≤ atMs < toMs. */
export interface DanmakuWindow {
  videoId: number;
  fromMs: number;
  toMs: number;
}

const WINDOW_COLUMN = '_window';
const danmakuRowOf = driverRowMapper(danmaku);

/**
 * The first `maxItems` danmaku of each window in timeline order (atMs, id), every window in one
 * statement: a UNION ALL with a branch per window, each a bounded range scan of the (video_id,
 * at_ms, id) index. Answers one list per window, in the windows' order.
 */
export async function danmakuInWindows(
  db: InteractionDb,
  windows: readonly DanmakuWindow[],
  maxItems: number,
): Promise<DanmakuRow[][]> {
  const branch = (window: DanmakuWindow, index: number): SQL => {
    const rows = db
      .select({
        [WINDOW_COLUMN]: sql<number>`${sql.raw(String(index))}`.as(WINDOW_COLUMN),
        ...getTableColumns(danmaku),
      })
      .from(danmaku)
      .where(
        and(
          eq(danmaku.videoId, window.videoId),
          gte(danmaku.atMs, window.fromMs),
          lt(danmaku.atMs, window.toMs),
        ),
      )
      .orderBy(asc(danmaku.atMs), asc(danmaku.id))
      .limit(maxItems);
    return sql`(${rows})`;
  };
  // mysql2 answers a SELECT with [rows, fields]; drizzle types every raw result as a write's
  const [raw] = (await db.execute(sql.join(windows.map(branch), sql` union all `))) as unknown as [
    Record<string, unknown>[],
  ];
  const lists = windows.map((): DanmakuRow[] => []);
  for (const row of raw) lists[Number(row[WINDOW_COLUMN])]?.push(danmakuRowOf(row));
  // UNION ALL promises no order across or within branches: restore the timeline's
  for (const list of lists) list.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  return lists;
}
