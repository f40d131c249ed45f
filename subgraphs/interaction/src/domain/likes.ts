import {
  cacheKeys,
  type Connection,
  decodeCursor,
  type Edge,
  inTransaction,
  pageSize,
  requireViewer,
  type Viewer,
} from '@reel/common';
import { deleteFavorite, insertFavorite, moveLikeCounters } from '../db/queries';
import type { FavoriteRow } from '../db/schema';
import type { VideoRef } from '../context';
import { limits } from '../limits';
import type { InteractionLoaders } from '../loaders';
import { requireVideo } from './video-authors';
import type { WriteDeps } from './writes';

export type LikedVideoConnectionModel = Connection<FavoriteRow>;
export type LikedVideoEdgeModel = Edge<FavoriteRow>;

/**
 * The viewer likes the video. The row and every counter move in one transaction, and only when
 * this call inserted the row: a repeat, or 50 at once, count once.
 */
export async function likeVideo(
  deps: WriteDeps,
  viewer: Viewer | null,
  videoId: number,
): Promise<VideoRef> {
  const user = requireViewer(viewer);
  const { authorId } = await requireVideo(deps, videoId);
  await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      if (!(await insertFavorite(tx, { userId: user.id, videoId, createdAt: new Date() })))
        return false;
      await moveLikeCounters(tx, { videoId, userId: user.id, authorId }, 1);
      return true;
    },
    { attempts: limits.writeAttempts },
  );
  // a repeat bumps too: the row it found may be a concurrent duplicate's, committed but not yet
  // bumped, and this answer's counts (cached on these keys) must show what it found
  await deps.bumpCache(likeCacheKeys(videoId, user.id, authorId));
  return { id: videoId };
}

/** The viewer's like is taken back; the counters move only when this call deleted the row. */
export async function unlikeVideo(
  deps: WriteDeps,
  viewer: Viewer | null,
  videoId: number,
): Promise<VideoRef> {
  const user = requireViewer(viewer);
  const { authorId } = await requireVideo(deps, videoId);
  await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      if (!(await deleteFavorite(tx, user.id, videoId))) return false;
      await moveLikeCounters(tx, { videoId, userId: user.id, authorId }, -1);
      return true;
    },
    { attempts: limits.writeAttempts },
  );
  // a repeat bumps too: the row it found may be a concurrent duplicate's, committed but not yet
  // bumped, and this answer's counts (cached on these keys) must show what it found
  await deps.bumpCache(likeCacheKeys(videoId, user.id, authorId));
  return { id: videoId };
}

/** A like moves the video's favoriteCount, the liker's favoriteCount, the author's totalFavorited. */
function likeCacheKeys(videoId: number, userId: number, authorId: number): string[] {
  return [cacheKeys.video(videoId), cacheKeys.user(userId), cacheKeys.user(authorId)];
}

/** One user's liked videos, most recently liked first: batched with every other user of the request. */
export function likedVideosOf(
  likedVideosByUser: InteractionLoaders['likedVideosByUser'],
  userId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<LikedVideoConnectionModel> {
  return likedVideosByUser.load({
    parentId: userId,
    first: pageSize(first, limits.likedVideosPage),
    after: decodeCursor(after),
  });
}
