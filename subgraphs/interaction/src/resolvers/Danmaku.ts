import { entityRefId } from '@reel/common';
import type { DanmakuResolvers } from '../generated/resolvers-types';

export const Danmaku: DanmakuResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.danmakuById.load(entityRefId(ref)),
  author: (danmaku) => ({ id: danmaku.authorId }),
  video: (danmaku) => ({ id: danmaku.videoId }),
};
