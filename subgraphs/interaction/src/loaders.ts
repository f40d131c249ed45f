import DataLoader from 'dataloader';
import { childPagesLoader, inKeyOrder, type VersionedBatchCache, type Viewer } from '@reel/common';
import { limits } from './limits';
import {
  commentsByIds,
  danmakuByIds,
  danmakuInWindows,
  type DanmakuWindow,
  type InteractionDb,
  likedAmong,
  userCountersByIds,
  videoCountersByIds,
} from './db/queries';
import {
  type CommentRow,
  comments,
  type DanmakuRow,
  favorites,
  type UserCountersRow,
  type VideoCountersRow,
} from './db/schema';

/**
 * Per process (app.ts): counters rows, valid while their version key is current (`video:<id>`,
 * `user:<id>`: a like bumps both, a comment the video's).
 */
export interface InteractionCaches {
  videoCounters: VersionedBatchCache<VideoCountersRow>;
  userCounters: VersionedBatchCache<UserCountersRow>;
}

/**
 * Per request: the gateway sends every representation of a fetch node at once, duplicates
 * included. A video's or user's counts are one row, read once for all of its fields.
 */
export function createLoaders(db: InteractionDb, viewer: Viewer | null, caches: InteractionCaches) {
  return {
    // one MGET of the batch's versions; the misses in one statement (README "Caches and consistency")
    videoCounters: new DataLoader<number, VideoCountersRow | null>((videoIds) =>
      caches.videoCounters.getMany(videoIds, async (missing) =>
        inKeyOrder(missing, await videoCountersByIds(db, missing), (row) => row.videoId),
      ),
    ),
    userCounters: new DataLoader<number, UserCountersRow | null>((userIds) =>
      caches.userCounters.getMany(userIds, async (missing) =>
        inKeyOrder(missing, await userCountersByIds(db, missing), (row) => row.userId),
      ),
    ),
    // Video.isFavorite: the viewer's likes among the request's videos (anonymous: none, no SQL)
    isFavorite: new DataLoader<number, boolean>(async (videoIds) => {
      if (!viewer) return videoIds.map(() => false);
      const liked = new Set(await likedAmong(db, viewer.id, videoIds));
      return videoIds.map((videoId) => liked.has(videoId));
    }),
    commentById: new DataLoader<number, CommentRow | null>(async (ids) =>
      inKeyOrder(ids, await commentsByIds(db, ids), (row) => row.id),
    ),
    // Video.comments: the first page of every video in the request, one statement
    commentsByVideo: childPagesLoader(db, {
      table: comments,
      parent: comments.videoId,
      createdAt: comments.createdAt,
      id: comments.id,
    }),
    danmakuById: new DataLoader<number, DanmakuRow | null>(async (ids) =>
      inKeyOrder(ids, await danmakuByIds(db, ids), (row) => row.id),
    ),
    // Video.danmaku: the window of every video in the request, one statement
    danmakuWindows: new DataLoader<DanmakuWindow, DanmakuRow[], string>(
      (windows) => danmakuInWindows(db, windows, limits.danmakuWindow.maxItems),
      {
        cacheKeyFn: (window) => `${window.videoId}/${window.fromMs}/${window.toMs}`,
        maxBatchSize: 100, // windows per statement: one UNION ALL branch each
      },
    ),
    // User.likedVideos: the first page of every user in the request, one statement
    likedVideosByUser: childPagesLoader(db, {
      table: favorites,
      parent: favorites.userId,
      createdAt: favorites.createdAt,
      id: favorites.id,
    }),
  };
}

export type InteractionLoaders = ReturnType<typeof createLoaders>;

/** After a write, this request's next read of any count, flag or page goes to the database. */
export function forgetReads(loaders: InteractionLoaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}
