import type { FriendEdgeResolvers } from '../generated/resolvers-types';

/** The last message and its direction are the viewer's, whoever's friends these are. */
export const FriendEdge: FriendEdgeResolvers = {
  node: (edge) => ({ id: edge.friendId }),
  lastMessage: (edge, _args, ctx) => ctx.loaders.lastMessageWith.load(edge.friendId),
  lastMessageDirection: async (edge, _args, ctx) => {
    const message = await ctx.loaders.lastMessageWith.load(edge.friendId);
    if (!message) return null;
    return message.fromUserId === ctx.viewer?.id ? 'SENT' : 'RECEIVED';
  },
};
