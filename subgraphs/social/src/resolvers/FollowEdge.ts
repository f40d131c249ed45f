import type { FollowEdgeResolvers } from '../generated/resolvers-types';

export const FollowEdge: FollowEdgeResolvers = {
  node: (edge) => ({ id: edge.userId }),
};
