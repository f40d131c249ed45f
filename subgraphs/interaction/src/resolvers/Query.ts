import { parseId, parseIdsAmong } from '@reel/common';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  comment: (_parent, args, ctx) => ctx.loaders.commentById.load(parseId(args.id, 'comment id')),
  danmaku: (_parent, args, ctx) => ctx.loaders.danmakuById.load(parseId(args.id, 'danmaku id')),
  likedAmong: async (_parent, args, ctx) => {
    const videoIds = parseIdsAmong(args.videoIds, 'video id');
    const liked = await Promise.all(videoIds.map((id) => ctx.loaders.isFavorite.load(id)));
    return videoIds.filter((_, i) => liked[i]).map(String);
  },
};
