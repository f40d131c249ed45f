import { entityRefId } from '@reel/common';
import { avatarOf, backgroundImageOf, deletedAccount } from '../domain/profile';
import type { UserResolvers } from '../generated/resolvers-types';

export function userResolvers(publicBaseUrl: string): UserResolvers {
  return {
    // the loader batches the whole _entities call, duplicates included
    __resolveReference: async (ref, ctx) => {
      const id = entityRefId(ref);
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
