import { entityRefId } from '@reel/common';
import { avatarOf, backgroundImageOf } from '../domain/profile';
import type { UserResolvers } from '../generated/resolvers-types';

export function userResolvers(publicBaseUrl: string): UserResolvers {
  return {
    // the loader batches the whole _entities call, duplicates included
    __resolveReference: (ref, ctx) => ctx.loaders.userById.load(entityRefId(ref)),
    name: (user) => user.username,
    avatar: (user) => avatarOf(publicBaseUrl, user),
    backgroundImage: (user) => backgroundImageOf(publicBaseUrl, user),
  };
}
