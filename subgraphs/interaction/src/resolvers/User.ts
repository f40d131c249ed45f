import { entityRefId } from '@reel/common';
import { likedVideosOf } from '../domain/likes';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: entityRefId(ref) }),
  favoriteCount: async (user, _args, ctx) =>
    (await ctx.loaders.userCounters.load(user.id))?.favoriteCount ?? 0,
  totalFavorited: async (user, _args, ctx) =>
    (await ctx.loaders.userCounters.load(user.id))?.totalFavorited ?? 0,
  likedVideos: (user, args, ctx) =>
    likedVideosOf(ctx.loaders.likedVideosByUser, user.id, args.first, args.after),
};
