import { entityRefId } from '@reel/common';
import { followersOf, followingOf, friendsOf } from '../domain/follows';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // social only extends users: any id is a user with no follows or messages yet
  __resolveReference: (ref) => ({ id: entityRefId(ref) }),
  followCount: async (user, _args, ctx) =>
    (await ctx.loaders.followCounters.load(user.id))?.followCount ?? 0,
  followerCount: async (user, _args, ctx) =>
    (await ctx.loaders.followCounters.load(user.id))?.followerCount ?? 0,
  isFollow: (user, _args, ctx) => ctx.loaders.isFollow.load(user.id),
  following: (user, args, ctx) => followingOf(ctx.loaders, user.id, args.first, args.after),
  followers: (user, args, ctx) => followersOf(ctx.loaders, user.id, args.first, args.after),
  friends: (user, args, ctx) => friendsOf(ctx.loaders, user.id, args.first, args.after),
};
