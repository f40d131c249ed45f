import { and, desc, eq, getTableColumns, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias, type MySqlColumn, unionAll } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { type CursorPosition, inPlaceholder, preparedPerDb } from '@reel/common';
import {
  conversations,
  type FollowRow,
  follows,
  knownUsers,
  type MessageRow,
  messages,
  type schema,
  type FollowCountersRow,
  followCounters,
} from './schema';

export type SocialDb = MySql2Database<typeof schema>;
export type Tx = Parameters<Parameters<SocialDb['transaction']>[0]>[0];

// mysql2 answers a write with a ResultSetHeader first
const affectedRows = (result: [{ affectedRows: number }, unknown]) => result[0].affectedRows;

/** `column + VALUES(column)`: an upsert adds the inserted row's value to the existing one. */
const addInserted = (column: MySqlColumn): SQL =>
  sql`${column} + values(${sql.identifier(column.name)})`;

/** `column - 1`, never below 0 (and never an unsigned underflow error). */
const decrement = (column: MySqlColumn): SQL => sql`${column} - least(${column}, 1)`;

/** Rows after `position` in (createdAt DESC, id DESC) order, the order of every list here. */
function olderThan(createdAt: MySqlColumn, id: MySqlColumn, position: CursorPosition): SQL {
  const at = new Date(position.ms);
  return or(lt(createdAt, at), and(eq(createdAt, at), lt(id, position.id)))!;
}

/** A conversation's key: the two parties' ids in order, whoever writes. */
export function conversationOf(userA: number, userB: number) {
  return { userLowId: Math.min(userA, userB), userHighId: Math.max(userA, userB) };
}

const inConversation = (userA: number, userB: number): SQL => {
  const { userLowId, userHighId } = conversationOf(userA, userB);
  return and(eq(messages.userLowId, userLowId), eq(messages.userHighId, userHighId))!;
};

// the feed's hot reads, prepared once per handle (preparedPerDb)
const followCountersStatement = preparedPerDb((db: SocialDb) =>
  db.select().from(followCounters).where(inPlaceholder(followCounters.userId, 'ids')).prepare(),
);
const followedAmongStatement = preparedPerDb((db: SocialDb) =>
  db
    .select({ followeeId: follows.followeeId })
    .from(follows)
    .where(
      and(
        eq(follows.followerId, sql.placeholder('followerId')),
        inPlaceholder(follows.followeeId, 'ids'),
      ),
    )
    .prepare(),
);

export async function followCountersByIds(
  db: SocialDb,
  userIds: readonly number[],
): Promise<FollowCountersRow[]> {
  if (userIds.length === 0) return [];
  return followCountersStatement(db).execute({ ids: userIds });
}

/** Which of `userIds` the follower follows. */
export async function followedAmong(
  db: SocialDb,
  followerId: number,
  userIds: readonly number[],
): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await followedAmongStatement(db).execute({ followerId, ids: userIds });
  return rows.map((row) => row.followeeId);
}

/** One user's page of friends, as a loader asks for it (`first` already validated). */
export interface FriendPageKey {
  userId: number;
  first: number;
  after: CursorPosition | null;
}

/**
 * The friends (mutual follows) of each key's user, in one statement: a UNION ALL branch per key,
 * each a bounded backward scan of the user's follows (follows_follower_created_at) that keeps the
 * rows followed back (the unique key, one lookup each). Rows are the user's own follows rows,
 * `first + 1` at most per key, in no particular order.
 */
export async function friendRows(
  db: SocialDb,
  keys: readonly FriendPageKey[],
): Promise<{ page: number; row: FollowRow }[]> {
  const back = alias(follows, 'back');
  const branches = keys.map((key, page) =>
    db
      .select({ page: sql<number>`${page}`.as('_page'), ...getTableColumns(follows) })
      .from(follows)
      .innerJoin(
        back,
        and(eq(back.followerId, follows.followeeId), eq(back.followeeId, follows.followerId)),
      )
      .where(
        and(
          eq(follows.followerId, key.userId),
          key.after ? olderThan(follows.createdAt, follows.id, key.after) : undefined,
        ),
      )
      .orderBy(desc(follows.createdAt), desc(follows.id))
      .limit(key.first + 1),
  );
  const [first, second, ...rest] = branches;
  if (!first) return [];
  const rows = second ? await unionAll(first, second, ...rest) : await first;
  return rows.map(({ page, ...row }) => ({ page: Number(page), row }));
}

/** Inserts the follow unless it exists; true when this call inserted it. */
export async function insertFollow(
  tx: Tx,
  values: { followerId: number; followeeId: number; createdAt: Date },
): Promise<boolean> {
  return affectedRows(await tx.insert(follows).ignore().values(values)) === 1;
}

/** Deletes the follow if it exists; true when this call deleted it. */
export async function deleteFollow(
  tx: Tx,
  followerId: number,
  followeeId: number,
): Promise<boolean> {
  return (
    affectedRows(
      await tx
        .delete(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId))),
    ) === 1
  );
}

/**
 * Moves the counters of one follow (+1) or unfollow (-1): the follower's follow_count and the
 * followee's follower_count, in user id order so that two transactions always lock the same rows
 * in the same order.
 */
export async function moveFollowCounters(
  tx: Tx,
  follow: { followerId: number; followeeId: number },
  direction: 1 | -1,
): Promise<void> {
  const users = [
    { userId: follow.followerId, followCount: 1, followerCount: 0 },
    { userId: follow.followeeId, followCount: 0, followerCount: 1 },
  ].sort((a, b) => a.userId - b.userId);
  if (direction === 1) {
    await tx
      .insert(followCounters)
      .values(users)
      .onDuplicateKeyUpdate({
        set: {
          followCount: addInserted(followCounters.followCount),
          followerCount: addInserted(followCounters.followerCount),
        },
      });
    return;
  }
  for (const user of users) {
    await tx
      .update(followCounters)
      .set(
        user.followCount
          ? { followCount: decrement(followCounters.followCount) }
          : { followerCount: decrement(followCounters.followerCount) },
      )
      .where(eq(followCounters.userId, user.userId));
  }
}

export async function messagesByIds(db: SocialDb, ids: readonly number[]): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(inArray(messages.id, [...ids]));
}

/** The newest message of the user's conversation with each peer that has one. */
export async function lastMessagesWith(
  db: SocialDb,
  userId: number,
  peerIds: readonly number[],
): Promise<MessageRow[]> {
  const pairs = peerIds.map((peerId) => {
    const { userLowId, userHighId } = conversationOf(userId, peerId);
    return and(eq(conversations.userLowId, userLowId), eq(conversations.userHighId, userHighId));
  });
  const rows = await db
    .select({ message: messages })
    .from(conversations)
    .innerJoin(messages, eq(messages.id, conversations.lastMessageId))
    .where(or(...pairs));
  return rows.map((row) => row.message);
}

/**
 * A page of a conversation, newest first: `first + 1` rows at most (toConnection), after the
 * cursor and strictly after `createdAfter` when given.
 */
export async function conversationRows(
  db: SocialDb,
  page: {
    userId: number;
    peerId: number;
    first: number;
    after: CursorPosition | null;
    createdAfter: Date | null;
  },
): Promise<MessageRow[]> {
  return (
    db
      .select()
      .from(messages)
      .where(
        and(
          inConversation(page.userId, page.peerId),
          page.after ? olderThan(messages.createdAt, messages.id, page.after) : undefined,
          page.createdAfter ? gt(messages.createdAt, page.createdAfter) : undefined,
        ),
      )
      // created_at is unique within a conversation, so it alone is the (createdAt, id) order, and
      // the index gives it without a sort
      .orderBy(desc(messages.createdAt))
      .limit(page.first + 1)
  );
}

/**
 * The created_at of the conversation's newest message (null for a new conversation), its
 * conversations row locked until the transaction ends: a concurrent message to the same
 * conversation waits here, so messages commit in the order of their timestamps.
 */
export async function lastMessageAtForUpdate(
  tx: Tx,
  userA: number,
  userB: number,
): Promise<Date | null> {
  const pair = conversationOf(userA, userB);
  // an upsert takes the row's exclusive lock at once, whether it inserts or finds the row; a
  // plain insert would take a shared one and concurrent senders would deadlock upgrading it
  await tx
    .insert(conversations)
    .values({ ...pair, lastMessageId: 0, lastMessageAt: new Date(0) })
    .onDuplicateKeyUpdate({ set: { userLowId: sql`${conversations.userLowId}` } });
  const [row] = await tx
    .select({ lastMessageId: conversations.lastMessageId, at: conversations.lastMessageAt })
    .from(conversations)
    .where(
      and(
        eq(conversations.userLowId, pair.userLowId),
        eq(conversations.userHighId, pair.userHighId),
      ),
    )
    .for('update');
  return row && row.lastMessageId !== 0 ? row.at : null;
}

/** Inserts the message and makes it its conversation's newest (see lastMessageAtForUpdate). */
export async function insertMessage(
  tx: Tx,
  values: Omit<MessageRow, 'id' | 'userLowId' | 'userHighId'>,
): Promise<MessageRow> {
  const row = { ...values, ...conversationOf(values.fromUserId, values.toUserId) };
  const [result] = await tx.insert(messages).values(row);
  const message = { id: result.insertId, ...row };
  await tx
    .update(conversations)
    .set({ lastMessageId: message.id, lastMessageAt: message.createdAt })
    .where(
      and(eq(conversations.userLowId, row.userLowId), eq(conversations.userHighId, row.userHighId)),
    );
  return message;
}

export async function isKnownUser(db: SocialDb, userId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: knownUsers.userId })
    .from(knownUsers)
    .where(eq(knownUsers.userId, userId));
  return rows.length === 1;
}

export async function insertKnownUser(db: SocialDb, userId: number): Promise<void> {
  await db.insert(knownUsers).ignore().values({ userId, confirmedAt: new Date() });
}
