import { entityRefId } from '@reel/common';
import { videosOfAuthor } from '../domain/feed';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: entityRefId(ref) }),
  workCount: (user, _args, ctx) => ctx.loaders.workCountByAuthor.load(user.id),
  videos: (user, args, ctx) =>
    videosOfAuthor(ctx.loaders.videosByAuthor, user.id, args.first, args.after),
};
