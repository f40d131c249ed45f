import { dateTimeScalar } from '@reel/common/scalars';
import type { WriteDeps } from '../domain/writes';
import type { Resolvers } from '../generated/resolvers-types';
import { Comment } from './Comment';
import { Danmaku } from './Danmaku';
import { LikedVideoEdge } from './LikedVideoEdge';
import { mutationResolvers } from './Mutation';
import { Query } from './Query';
import { User } from './User';
import { Video } from './Video';

export function createResolvers(deps: WriteDeps): Resolvers {
  return {
    DateTime: dateTimeScalar,
    Query,
    Mutation: mutationResolvers(deps),
    Video,
    User,
    Comment,
    Danmaku,
    LikedVideoEdge,
  };
}
