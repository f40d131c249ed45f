import { entityRefId, type MediaStore } from '@reel/common';
import type { VideoResolvers } from '../generated/resolvers-types';

export function videoResolvers(store: MediaStore): VideoResolvers {
  return {
    __resolveReference: (ref, ctx) => ctx.loaders.videoById.load(entityRefId(ref)),
    author: (video) => ({ id: video.authorId }),
    playUrl: (video) => store.url(video.playKey),
    coverUrl: (video) => store.url(video.coverKey),
    thumbnailUrl: (video) => store.url(video.thumbnailKey),
    createdAtMs: (video) => video.createdAt.getTime(),
    duration: (video) => video.durationMs / 1000,
  };
}
