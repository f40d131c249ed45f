import { type PublishDeps, publishVideo } from '../domain/publish';
import type { MutationResolvers } from '../generated/resolvers-types';

export function mutationResolvers(deps: PublishDeps): MutationResolvers {
  return {
    publishVideo: (_parent, args, ctx) => publishVideo(deps, ctx.viewer, args.title, args.file),
  };
}
