import {
  appError,
  cacheKeys,
  type Connection,
  decodeCursor,
  inTransaction,
  type PageInfo,
  pageSize,
  requireViewer,
  type Viewer,
} from '@reel/common';
import { deleteFollow, insertFollow, moveFollowCounters } from '../db/queries';
import type { FollowRow } from '../db/schema';
import type { UserRef } from '../context';
import { limits } from '../limits';
import type { SocialLoaders } from '../loaders';
import { requireUser, type UserLookupDeps } from './users';
import type { WriteDeps } from './writes';

export type FollowDeps = WriteDeps & UserLookupDeps;

/** An edge of User.following or User.followers: the user at its other end, and since when. */
export interface FollowEdgeModel {
  cursor: string;
  userId: number;
  followedAt: Date;
}
export interface FollowConnectionModel {
  edges: FollowEdgeModel[];
  pageInfo: PageInfo;
}

/** An edge of User.friends: the friend; the last message is the viewer's, per request. */
export interface FriendEdgeModel {
  cursor: string;
  friendId: number;
}
export interface FriendConnectionModel {
  edges: FriendEdgeModel[];
  pageInfo: PageInfo;
}

/** The user a follow or unfollow is about: an existing user other than the viewer. */
async function followee(
  deps: FollowDeps,
  follower: Viewer,
  userId: number,
  requestId: string,
): Promise<number> {
  if (userId === follower.id)
    throw appError('BAD_USER_INPUT', 'You cannot follow yourself', { field: 'userId' });
  await requireUser(deps, userId, { field: 'userId', requestId });
  return userId;
}

/**
 * The viewer follows the user. The row and both counters move in one transaction, and only when
 * this call inserted the row: a repeat, or 50 at once, count once.
 */
export async function follow(
  deps: FollowDeps,
  viewer: Viewer | null,
  userId: number,
  requestId: string,
): Promise<UserRef> {
  const follower = requireViewer(viewer);
  const followeeId = await followee(deps, follower, userId, requestId);
  const pair = { followerId: follower.id, followeeId };
  await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      if (!(await insertFollow(tx, { ...pair, createdAt: new Date() }))) return false;
      await moveFollowCounters(tx, pair, 1);
      return true;
    },
    { attempts: limits.writeAttempts },
  );
  // followCount of one, followerCount of the other
  // a repeat bumps too: the row it found may be a concurrent duplicate's, committed but not yet
  // bumped, and this answer's counts (cached on these keys) must show what it found
  await deps.bumpCache([cacheKeys.user(follower.id), cacheKeys.user(followeeId)]);
  return { id: followeeId };
}

/** The viewer stops following the user; the counters move only when this call deleted the row. */
export async function unfollow(
  deps: FollowDeps,
  viewer: Viewer | null,
  userId: number,
  requestId: string,
): Promise<UserRef> {
  const follower = requireViewer(viewer);
  const followeeId = await followee(deps, follower, userId, requestId);
  const pair = { followerId: follower.id, followeeId };
  await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      if (!(await deleteFollow(tx, pair.followerId, pair.followeeId))) return false;
      await moveFollowCounters(tx, pair, -1);
      return true;
    },
    { attempts: limits.writeAttempts },
  );
  // a repeat bumps too: the row it found may be a concurrent duplicate's, committed but not yet
  // bumped, and this answer's counts (cached on these keys) must show what it found
  await deps.bumpCache([cacheKeys.user(follower.id), cacheKeys.user(followeeId)]);
  return { id: followeeId };
}

function followPage(
  page: Connection<FollowRow>,
  otherEnd: (row: FollowRow) => number,
): FollowConnectionModel {
  return {
    edges: page.edges.map((edge) => ({
      cursor: edge.cursor,
      userId: otherEnd(edge.node),
      followedAt: edge.node.createdAt,
    })),
    pageInfo: page.pageInfo,
  };
}

/** The users one user follows, newest first: batched with every other user of the request. */
export async function followingOf(
  loaders: SocialLoaders,
  userId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<FollowConnectionModel> {
  const page = await loaders.followingByUser.load({
    parentId: userId,
    first: pageSize(first, limits.followsPage),
    after: decodeCursor(after),
  });
  return followPage(page, (row) => row.followeeId);
}

/** The users who follow one user, newest first: batched like followingOf. */
export async function followersOf(
  loaders: SocialLoaders,
  userId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<FollowConnectionModel> {
  const page = await loaders.followersByUser.load({
    parentId: userId,
    first: pageSize(first, limits.followsPage),
    after: decodeCursor(after),
  });
  return followPage(page, (row) => row.followerId);
}

/** One user's friends, most recently followed first: batched like followingOf. */
export async function friendsOf(
  loaders: SocialLoaders,
  userId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<FriendConnectionModel> {
  const page = await loaders.friendsByUser.load({
    userId,
    first: pageSize(first, limits.friendsPage),
    after: decodeCursor(after),
  });
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, friendId: edge.node.followeeId })),
    pageInfo: page.pageInfo,
  };
}
