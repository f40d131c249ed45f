import { count, desc, lt, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { inPlaceholder, preparedPerDb } from '@reel/common';
import { type schema, videos, type VideoRow } from './schema';

export type VideoDb = MySql2Database<typeof schema>;

// the feed's hot reads, prepared once per handle (preparedPerDb)
const videosByIdsStatement = preparedPerDb((db: VideoDb) =>
  db.select().from(videos).where(inPlaceholder(videos.id, 'ids')).prepare(),
);
const newestVideosStatement = preparedPerDb((db: VideoDb) =>
  db
    .select()
    .from(videos)
    .orderBy(desc(videos.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare(),
);
const videosBeforeStatement = preparedPerDb((db: VideoDb) =>
  db
    .select()
    .from(videos)
    // the column's encoder turns the Date into its DATETIME(3) text, as for a literal
    .where(lt(videos.createdAt, sql.param(sql.placeholder('before'), videos.createdAt)))
    .orderBy(desc(videos.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare(),
);
const workCountsStatement = preparedPerDb((db: VideoDb) =>
  db
    .select({ authorId: videos.authorId, works: count() })
    .from(videos)
    .where(inPlaceholder(videos.authorId, 'ids'))
    .groupBy(videos.authorId)
    .prepare(),
);

export async function videosByIds(db: VideoDb, ids: readonly number[]): Promise<VideoRow[]> {
  if (ids.length === 0) return [];
  return videosByIdsStatement(db).execute({ ids });
}

/** Newest first, strictly before `before` (null: from the newest); created_at is unique, so tie-free. */
export async function videosBefore(
  db: VideoDb,
  before: Date | null,
  limit: number,
): Promise<VideoRow[]> {
  return before
    ? videosBeforeStatement(db).execute({ before, limit })
    : newestVideosStatement(db).execute({ limit });
}

export async function workCountsByAuthors(
  db: VideoDb,
  authorIds: readonly number[],
): Promise<{ authorId: number; works: number }[]> {
  if (authorIds.length === 0) return [];
  return workCountsStatement(db).execute({ ids: authorIds });
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
