/**
 * Every douyin field whose subgraph has not joined the supergraph yet, with the neutral value it
 * answers until then: social (follow counts, is_follow). When a subgraph lands, its fields move
 * into the fragments of douyin-user.ts and douyin-video.ts and leave this file; it goes once it
 * is empty.
 */
export const notYetFederated = {
  user: {
    follow_count: 0,
    follower_count: 0,
    is_follow: false,
  },
} as const;
