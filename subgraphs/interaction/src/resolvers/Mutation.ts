import { parseId } from '@reel/common';
import { addComment, deleteComment } from '../domain/comments';
import { sendDanmaku } from '../domain/danmaku';
import { likeVideo, unlikeVideo } from '../domain/likes';
import type { WriteDeps } from '../domain/writes';
import type { MutationResolvers } from '../generated/resolvers-types';
import { forgetReads } from '../loaders';

// each write forgets what the request read before it, so the fields it answers are fresh
export function mutationResolvers(deps: WriteDeps): MutationResolvers {
  return {
    likeVideo: async (_parent, args, ctx) => {
      const video = await likeVideo(deps, ctx.viewer, parseId(args.videoId, 'video id'));
      forgetReads(ctx.loaders);
      return video;
    },
    unlikeVideo: async (_parent, args, ctx) => {
      const video = await unlikeVideo(deps, ctx.viewer, parseId(args.videoId, 'video id'));
      forgetReads(ctx.loaders);
      return video;
    },
    addComment: async (_parent, args, ctx) => {
      const comment = await addComment(
        deps,
        ctx.viewer,
        parseId(args.videoId, 'video id'),
        args.content,
      );
      forgetReads(ctx.loaders);
      return comment;
    },
    deleteComment: async (_parent, args, ctx) => {
      const video = await deleteComment(deps, ctx.viewer, parseId(args.id, 'comment id'));
      forgetReads(ctx.loaders);
      return video;
    },
    sendDanmaku: async (_parent, args, ctx) => {
      const danmaku = await sendDanmaku(deps, ctx.viewer, {
        videoId: parseId(args.videoId, 'video id'),
        content: args.content,
        atMs: args.atMs,
      });
      forgetReads(ctx.loaders);
      return danmaku;
    },
  };
}
