import { entityRefId } from '@reel/common';
import { visibleTo } from '../domain/messages';
import type { MessageResolvers } from '../generated/resolvers-types';

export const Message: MessageResolvers = {
  // only its two parties see a message, however it is reached
  __resolveReference: async (ref, ctx) =>
    visibleTo(ctx.viewer, await ctx.loaders.messageById.load(entityRefId(ref))),
  from: (message) => ({ id: message.fromUserId }),
  to: (message) => ({ id: message.toUserId }),
  createdAtMs: (message) => message.createdAt.getTime(),
};
