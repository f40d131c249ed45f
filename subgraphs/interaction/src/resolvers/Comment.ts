import { entityRefId } from '@reel/common';
import type { CommentResolvers } from '../generated/resolvers-types';

export const Comment: CommentResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.commentById.load(entityRefId(ref)),
  author: (comment) => ({ id: comment.authorId }),
  video: (comment) => ({ id: comment.videoId }),
  createdAtMs: (comment) => comment.createdAt.getTime(),
};
