import { parseId } from '@reel/common';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  user: (_parent, args, ctx) => ctx.loaders.userById.load(parseId(args.id, 'user id')),
  viewer: (_parent, _args, ctx) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.id) : null),
};
