import type { LikedVideoEdgeResolvers } from '../generated/resolvers-types';

/** An edge holds the favorites row: its video is the node, its created_at when it was liked. */
export const LikedVideoEdge: LikedVideoEdgeResolvers = {
  node: (edge) => ({ id: edge.node.videoId }),
  likedAt: (edge) => edge.node.createdAt,
};
