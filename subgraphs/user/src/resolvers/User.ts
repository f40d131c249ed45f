import { parseId } from '@reel/common';
import { avatarOf, backgroundImageOf, deletedAccount } from '../domain/profile';
import type { UserResolvers } from '../generated/resolvers-types';

export function userResolvers(publicBaseUrl: string): UserResolvers {
  return {
    // representations carry the id as a string; the loader batches the whole _entities call
    __resolveReference: async (ref, ctx) => {
      const id = parseId(String(ref.id), 'user id');
      const user = await ctx.loaders.userById.load(id);
      if (user) return user;
      ctx.log.warn({ userId: id }, 'a reference names a missing user: answering the placeholder');
      return deletedAccount(id);
    },
    name: (user) => user.username,
    avatar: (user) => avatarOf(publicBaseUrl, user),
    backgroundImage: (user) => backgroundImageOf(publicBaseUrl, user),
  };
}
