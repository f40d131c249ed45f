import { parseId } from '@reel/common';
import { feedPage, type VideoConnectionModel } from '../domain/feed';
import type { VideoDb } from '../db/queries';
import type { QueryResolvers } from '../generated/resolvers-types';

export function queryResolvers(db: VideoDb): QueryResolvers {
  return {
    feed: async (_parent, args, ctx): Promise<VideoConnectionModel> => {
      const page = await feedPage(db, args.first, args.after);
      for (const { node } of page.edges) ctx.loaders.videoById.prime(node.id, node);
      return page;
    },
    video: (_parent, args, ctx) => ctx.loaders.videoById.load(parseId(args.id, 'video id')),
  };
}
