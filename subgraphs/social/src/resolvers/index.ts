import { dateTimeScalar } from '@reel/common/scalars';
import type { MessageDeps } from '../domain/messages';
import type { Resolvers } from '../generated/resolvers-types';
import { FollowEdge } from './FollowEdge';
import { FriendEdge } from './FriendEdge';
import { Message } from './Message';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';
import { User } from './User';

export function createResolvers(deps: MessageDeps): Resolvers {
  return {
    DateTime: dateTimeScalar,
    Query: queryResolvers(deps.db),
    Mutation: mutationResolvers(deps),
    User,
    FollowEdge,
    FriendEdge,
    Message,
  };
}
