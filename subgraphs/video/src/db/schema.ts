import {
  bigint,
  datetime,
  index,
  int,
  mysqlTable,
  smallint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
// the subpath, not the package index: drizzle-kit loads this file and needs no more of common
import { outboxTable } from '@reel/common/events/tables';

export const videos = mysqlTable(
  'videos',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    authorId: bigint('author_id', { mode: 'number', unsigned: true }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    // media-store keys, not URLs: URLs are built from the public base URL at read time
    playKey: varchar('play_key', { length: 255 }).notNull(),
    coverKey: varchar('cover_key', { length: 255 }).notNull(),
    thumbnailKey: varchar('thumbnail_key', { length: 255 }).notNull(),
    contentType: varchar('content_type', { length: 64 }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number', unsigned: true }).notNull(),
    durationMs: int('duration_ms', { unsigned: true }).notNull(),
    width: smallint('width', { unsigned: true }).notNull(),
    height: smallint('height', { unsigned: true }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (table) => [
    // unique: the feed's strict `< latest_time` ms cursor can then never skip a tied video
    uniqueIndex('videos_created_at_unique').on(table.createdAt),
    index('videos_author_created_at').on(table.authorId, table.createdAt),
  ],
);

/** Events leave through this table, written in the publishing transaction (see events.ts). */
export const videoOutbox = outboxTable('video_outbox');

export type VideoRow = typeof videos.$inferSelect;
export const schema = { videos, videoOutbox };
