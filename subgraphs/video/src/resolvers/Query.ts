import { parseId } from '@reel/common';
import { type FeedPageModel, feedPage } from '../domain/feed';
import type { VideoDb } from '../db/queries';
import type { QueryResolvers } from '../generated/resolvers-types';

export function queryResolvers(db: VideoDb): QueryResolvers {
  return {
    feed: async (_parent, args, ctx): Promise<FeedPageModel> => {
      const page = await feedPage(db, args.latestTime, args.first);
      for (const video of page.videos) ctx.loaders.videoById.prime(video.id, video);
      return page;
    },
    video: (_parent, args, ctx) => ctx.loaders.videoById.load(parseId(args.id, 'video id')),
  };
}
