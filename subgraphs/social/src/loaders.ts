import DataLoader from 'dataloader';
import {
  childPagesLoader,
  type Connection,
  type CursorPosition,
  inKeyOrder,
  toConnection,
  type VersionedBatchCache,
  type Viewer,
} from '@reel/common';
import {
  followedAmong,
  type FriendPageKey,
  friendRows,
  lastMessagesWith,
  messagesByIds,
  type SocialDb,
  followCountersByIds,
} from './db/queries';
import { type FollowRow, follows, type MessageRow, type FollowCountersRow } from './db/schema';

/** Per process (app.ts): follow_counters rows, valid while `user:<id>` is current. */
export interface SocialCaches {
  followCounters: VersionedBatchCache<FollowCountersRow>;
}

/**
 * Per request: the gateway sends every representation of a fetch node at once, duplicates
 * included. A user's counts are one row, read once for both of its count fields.
 */
export function createLoaders(db: SocialDb, viewer: Viewer | null, caches: SocialCaches) {
  return {
    // one MGET of the batch's versions; the misses in one statement (README "Caches and consistency")
    followCounters: new DataLoader<number, FollowCountersRow | null>((userIds) =>
      caches.followCounters.getMany(userIds, async (missing) =>
        inKeyOrder(missing, await followCountersByIds(db, missing), (row) => row.userId),
      ),
    ),
    // User.isFollow: the viewer's follows among the request's users (anonymous: none, no SQL)
    isFollow: new DataLoader<number, boolean>(async (userIds) => {
      if (!viewer) return userIds.map(() => false);
      const followed = new Set(await followedAmong(db, viewer.id, userIds));
      return userIds.map((userId) => followed.has(userId));
    }),
    // User.following: the first page of every user in the request, one statement
    followingByUser: childPagesLoader(db, {
      table: follows,
      parent: follows.followerId,
      createdAt: follows.createdAt,
      id: follows.id,
    }),
    // User.followers
    followersByUser: childPagesLoader(db, {
      table: follows,
      parent: follows.followeeId,
      createdAt: follows.createdAt,
      id: follows.id,
    }),
    // User.friends
    friendsByUser: new DataLoader<FriendPageKey, Connection<FollowRow>, string>(
      async (keys) => {
        const pages = keys.map((): FollowRow[] => []);
        for (const { page, row } of await friendRows(db, keys)) pages[page]?.push(row);
        // UNION ALL promises no order across or within branches: restore the list's own
        return pages.map((rows, page) =>
          toConnection(rows.sort(newestFirst), keys[page]!.first, positionOf),
        );
      },
      {
        cacheKeyFn: (key) =>
          `${key.userId}/${key.first}/${key.after ? `${key.after.ms}:${key.after.id}` : ''}`,
        maxBatchSize: 100, // UNION ALL branches per statement
      },
    ),
    messageById: new DataLoader<number, MessageRow | null>(async (ids) =>
      inKeyOrder(ids, await messagesByIds(db, ids), (row) => row.id),
    ),
    // FriendEdge.lastMessage: the viewer's newest message with each peer (anonymous: none, no SQL)
    lastMessageWith: new DataLoader<number, MessageRow | null>(
      async (peerIds) => {
        if (!viewer) return peerIds.map(() => null);
        const rows = await lastMessagesWith(db, viewer.id, peerIds);
        const peerOf = (row: MessageRow) =>
          row.fromUserId === viewer.id ? row.toUserId : row.fromUserId;
        return inKeyOrder(peerIds, rows, peerOf);
      },
      { maxBatchSize: 100 }, // conversations per statement
    ),
  };
}

export type SocialLoaders = ReturnType<typeof createLoaders>;

/** After a write, this request's next read of any count, flag or page goes to the database. */
export function forgetReads(loaders: SocialLoaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}

const positionOf = (row: FollowRow): CursorPosition => ({
  ms: row.createdAt.getTime(),
  id: row.id,
});

function newestFirst(a: FollowRow, b: FollowRow): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;
}
