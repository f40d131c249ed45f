import { entityRefId } from '@reel/common';
import { commentsOfVideo } from '../domain/comments';
import { danmakuOfVideo } from '../domain/danmaku';
import type { VideoResolvers } from '../generated/resolvers-types';

export const Video: VideoResolvers = {
  // interaction only extends videos: any id is a video with no likes or comments yet
  __resolveReference: (ref) => ({ id: entityRefId(ref) }),
  favoriteCount: async (video, _args, ctx) =>
    (await ctx.loaders.videoCounters.load(video.id))?.favoriteCount ?? 0,
  commentCount: async (video, _args, ctx) =>
    (await ctx.loaders.videoCounters.load(video.id))?.commentCount ?? 0,
  isFavorite: (video, _args, ctx) => ctx.loaders.isFavorite.load(video.id),
  comments: (video, args, ctx) =>
    commentsOfVideo(ctx.loaders.commentsByVideo, video.id, args.first, args.after),
  danmaku: (video, args, ctx) =>
    danmakuOfVideo(ctx.loaders.danmakuWindows, video.id, args.fromMs, args.toMs),
};
