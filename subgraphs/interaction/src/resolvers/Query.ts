import { parseId } from '@reel/common';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  comment: (_parent, args, ctx) => ctx.loaders.commentById.load(parseId(args.id, 'comment id')),
  danmaku: (_parent, args, ctx) => ctx.loaders.danmakuById.load(parseId(args.id, 'danmaku id')),
};
