import { parseId } from '@reel/common';
import { avatarOf, backgroundImageOf } from '../domain/profile';
import type { UserResolvers } from '../generated/resolvers-types';

export function userResolvers(publicBaseUrl: string): UserResolvers {
  return {
    // representations carry the id as a string; the loader batches the whole _entities call
    __resolveReference: (ref, ctx) => ctx.loaders.userById.load(parseId(String(ref.id), 'user id')),
    name: (user) => user.username,
    avatar: (user) => avatarOf(publicBaseUrl, user),
    backgroundImage: (user) => backgroundImageOf(publicBaseUrl, user),
  };
}
