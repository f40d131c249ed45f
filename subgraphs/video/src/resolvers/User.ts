import { entityRefId } from '@reel/common';
import { videosOfAuthor } from '../domain/feed';
import type { VideoDb } from '../db/queries';
import type { UserResolvers } from '../generated/resolvers-types';

export function userResolvers(db: VideoDb): UserResolvers {
  return {
    __resolveReference: (ref) => ({ id: entityRefId(ref) }),
    workCount: (user, _args, ctx) => ctx.loaders.workCountByAuthor.load(user.id),
    videos: (user, args) => videosOfAuthor(db, user.id, args.first, args.after),
  };
}
