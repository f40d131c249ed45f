import { parseId, parseIdsAmong, requireViewer } from '@reel/common';
import type { SocialDb } from '../db/queries';
import { conversation, visibleTo } from '../domain/messages';
import type { QueryResolvers } from '../generated/resolvers-types';

export function queryResolvers(db: SocialDb): QueryResolvers {
  return {
    message: async (_parent, args, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      return visibleTo(viewer, await ctx.loaders.messageById.load(parseId(args.id, 'message id')));
    },
    conversation: (_parent, args, ctx) =>
      conversation(db, ctx.viewer, parseId(args.peerId, 'peer id'), args),
    followedAmong: async (_parent, args, ctx) => {
      const userIds = parseIdsAmong(args.userIds, 'user id');
      const followed = await Promise.all(userIds.map((id) => ctx.loaders.isFollow.load(id)));
      return userIds.filter((_, i) => followed[i]).map(String);
    },
  };
}
