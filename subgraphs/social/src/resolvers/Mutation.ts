import { parseId } from '@reel/common';
import { follow, unfollow } from '../domain/follows';
import { type MessageDeps, sendMessage } from '../domain/messages';
import type { MutationResolvers } from '../generated/resolvers-types';
import { forgetReads } from '../loaders';

// each write forgets what the request read before it, so the fields it answers are fresh
// MessageDeps holds what every write needs (follows need less)
export function mutationResolvers(deps: MessageDeps): MutationResolvers {
  return {
    follow: async (_parent, args, ctx) => {
      const user = await follow(deps, ctx.viewer, parseId(args.userId, 'user id'), ctx.requestId);
      forgetReads(ctx.loaders);
      return user;
    },
    unfollow: async (_parent, args, ctx) => {
      const user = await unfollow(deps, ctx.viewer, parseId(args.userId, 'user id'), ctx.requestId);
      forgetReads(ctx.loaders);
      return user;
    },
    sendMessage: async (_parent, args, ctx) => {
      const message = await sendMessage(
        deps,
        ctx.viewer,
        parseId(args.toUserId, 'user id'),
        args.content,
        ctx.requestId,
      );
      forgetReads(ctx.loaders);
      return message;
    },
  };
}
