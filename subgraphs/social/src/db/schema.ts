import { outboxTable } from '@reel/common';
import {
  bigint,
  datetime,
  index,
  int,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

const id = (name: string) => bigint(name, { mode: 'number', unsigned: true });
const count = (name: string) => int(name, { unsigned: true }).notNull().default(0);
const instant = (name: string) => datetime(name, { mode: 'date', fsp: 3 }).notNull();

/** One row per (follower, followee); the unique key is what makes a repeated follow a no-op. */
export const follows = mysqlTable(
  'follows',
  {
    id: id('id').autoincrement().primaryKey(),
    followerId: id('follower_id').notNull(),
    followeeId: id('followee_id').notNull(),
    createdAt: instant('created_at'),
  },
  (table) => [
    // also User.isFollow: the viewer's follows among a request's users, one range of this key
    uniqueIndex('follows_follower_followee_unique').on(table.followerId, table.followeeId),
    // User.following and User.friends: each user's page is one backward range scan
    index('follows_follower_created_at').on(table.followerId, table.createdAt),
    // User.followers
    index('follows_followee_created_at').on(table.followeeId, table.createdAt),
  ],
);

/**
 * Direct messages. A conversation is the pair (user_low_id, user_high_id), the two parties'
 * ids in order whoever writes, as the chat subject `chat.<a>.<b>` (a < b) names it.
 */
export const messages = mysqlTable(
  'messages',
  {
    id: id('id').autoincrement().primaryKey(),
    fromUserId: id('from_user_id').notNull(),
    toUserId: id('to_user_id').notNull(),
    userLowId: id('user_low_id').notNull(),
    userHighId: id('user_high_id').notNull(),
    // 1000 characters at most (limits.messageMaxChars); utf8mb4 counts characters, not bytes
    content: varchar('content', { length: 1000 }).notNull(),
    createdAt: instant('created_at'),
  },
  (table) => [
    // a conversation's pages and its "newer than" polls: one range scan each. Unique: within a
    // conversation each message has a millisecond of its own (domain/messages.ts)
    uniqueIndex('messages_conversation_created_at').on(
      table.userLowId,
      table.userHighId,
      table.createdAt,
    ),
  ],
);

/**
 * One row per conversation that has a message: its newest one. Sending locks this row, so the
 * messages of one conversation are written one at a time, each later than the one before.
 */
export const conversations = mysqlTable(
  'conversations',
  {
    userLowId: id('user_low_id').notNull(),
    userHighId: id('user_high_id').notNull(),
    lastMessageId: id('last_message_id').notNull(),
    lastMessageAt: instant('last_message_at'),
  },
  (table) => [
    primaryKey({ name: 'conversations_pair', columns: [table.userLowId, table.userHighId] }),
  ],
);

/** Moved in the same transaction as the follows row they count. */
export const followCounters = mysqlTable('follow_counters', {
  userId: id('user_id').primaryKey(),
  /** users this user follows */
  followCount: count('follow_count'),
  /** users who follow this user */
  followerCount: count('follower_count'),
});

/**
 * Users the gateway once confirmed exist (social may not read the users table): a follow or a
 * message to one of them needs no call to the gateway (domain/users.ts).
 */
export const knownUsers = mysqlTable('known_users', {
  userId: id('user_id').primaryKey(),
  confirmedAt: instant('confirmed_at'),
});

/** chat.<a>.<b> events leave through this, in the transaction that writes the message. */
export const socialOutbox = outboxTable('social_outbox');

export type FollowRow = typeof follows.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type FollowCountersRow = typeof followCounters.$inferSelect;
export const schema = {
  follows,
  messages,
  conversations,
  followCounters,
  knownUsers,
  socialOutbox,
};
