import { outboxTable, processedEventsTable } from '@reel/common';
import {
  bigint,
  datetime,
  index,
  int,
  mysqlTable,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

const id = (name: string) => bigint(name, { mode: 'number', unsigned: true });
const count = (name: string) => int(name, { unsigned: true }).notNull().default(0);

/** One row per (user, video) liked; the unique key is what makes a repeated like a no-op. */
export const favorites = mysqlTable(
  'favorites',
  {
    id: id('id').autoincrement().primaryKey(),
    userId: id('user_id').notNull(),
    videoId: id('video_id').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (table) => [
    uniqueIndex('favorites_user_video_unique').on(table.userId, table.videoId),
    // User.likedVideos: each user's page is one backward range scan (childPagesLoader)
    index('favorites_user_created_at').on(table.userId, table.createdAt),
  ],
);

/** Deleted comments are deleted rows: comment_count is COUNT(*) of what is here. */
export const comments = mysqlTable(
  'comments',
  {
    id: id('id').autoincrement().primaryKey(),
    videoId: id('video_id').notNull(),
    authorId: id('author_id').notNull(),
    // 500 characters at most (limits.commentMaxChars); utf8mb4 counts characters, not bytes
    content: varchar('content', { length: 500 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (table) => [index('comments_video_created_at').on(table.videoId, table.createdAt)],
);

/** Moved in the same transaction as the favorites or comments row they count. */
export const videoCounters = mysqlTable('video_counters', {
  videoId: id('video_id').primaryKey(),
  favoriteCount: count('favorite_count'),
  commentCount: count('comment_count'),
});

export const userCounters = mysqlTable('user_counters', {
  userId: id('user_id').primaryKey(),
  /** videos this user likes */
  favoriteCount: count('favorite_count'),
  /** likes this user's videos have received */
  totalFavorited: count('total_favorited'),
});

/**
 * This subgraph's projection of the video subgraph's videos: which videos exist and who made
 * each, fed by the `video.created` event (interaction never reads the videos table).
 */
export const videoAuthors = mysqlTable('video_authors', {
  videoId: id('video_id').primaryKey(),
  authorId: id('author_id').notNull(),
  /** the video's length, for danmaku's atMs; null for rows projected before it was carried */
  durationMs: int('duration_ms', { unsigned: true }),
});

/** Time-coded live comments over a playing video (danmaku): atMs into the video. */
export const danmaku = mysqlTable(
  'danmaku',
  {
    id: id('id').autoincrement().primaryKey(),
    videoId: id('video_id').notNull(),
    authorId: id('author_id').notNull(),
    // 100 characters at most (limits); utf8mb4 counts characters, not bytes
    content: varchar('content', { length: 100 }).notNull(),
    atMs: int('at_ms', { unsigned: true }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  // Video.danmaku(fromMs, toMs): one range scan of a video's timeline
  (table) => [index('danmaku_video_at').on(table.videoId, table.atMs, table.id)],
);

/** Events (comment added/deleted, danmaku) leave through this, in the writing transaction. */
export const interactionOutbox = outboxTable('interaction_outbox');

/** Events this subgraph consumed (video.created), so a redelivery is a no-op. */
export const processedEvents = processedEventsTable('interaction_processed_events');

export type FavoriteRow = typeof favorites.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type VideoCountersRow = typeof videoCounters.$inferSelect;
export type UserCountersRow = typeof userCounters.$inferSelect;
export type DanmakuRow = typeof danmaku.$inferSelect;
export type VideoAuthorRow = typeof videoAuthors.$inferSelect;
export const schema = {
  favorites,
  comments,
  videoCounters,
  userCounters,
  videoAuthors,
  danmaku,
  interactionOutbox,
  processedEvents,
};
