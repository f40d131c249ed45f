import { count, desc, inArray, lt } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { type schema, videos, type VideoRow } from './schema';

export type VideoDb = MySql2Database<typeof schema>;

export async function videosByIds(db: VideoDb, ids: readonly number[]): Promise<VideoRow[]> {
  return db
    .select()
    .from(videos)
    .where(inArray(videos.id, [...ids]));
}

/** Newest first, strictly before `before` (null: from the newest); created_at is unique, so tie-free. */
export async function videosBefore(
  db: VideoDb,
  before: Date | null,
  limit: number,
): Promise<VideoRow[]> {
  return db
    .select()
    .from(videos)
    .where(before ? lt(videos.createdAt, before) : undefined)
    .orderBy(desc(videos.createdAt))
    .limit(limit);
}

export async function workCountsByAuthors(
  db: VideoDb,
  authorIds: readonly number[],
): Promise<{ authorId: number; works: number }[]> {
  return db
    .select({ authorId: videos.authorId, works: count() })
    .from(videos)
    .where(inArray(videos.authorId, [...authorIds]))
    .groupBy(videos.authorId);
}

type Tx = Parameters<Parameters<VideoDb['transaction']>[0]>[0];

/**
 * The newest created_at, locked: concurrent publishers queue here rather than all claiming the
 * same next millisecond (the unique index would refuse all but one).
 */
export async function latestCreatedAtForUpdate(tx: Tx): Promise<Date | null> {
  const [row] = await tx
    .select({ createdAt: videos.createdAt })
    .from(videos)
    .orderBy(desc(videos.createdAt))
    .limit(1)
    .for('update');
  return row?.createdAt ?? null;
}

export async function insertVideo(tx: Tx, values: Omit<VideoRow, 'id'>): Promise<VideoRow> {
  const [result] = await tx.insert(videos).values(values);
  return { id: result.insertId, ...values };
}
