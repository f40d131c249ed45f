import { dateTimeScalar } from '@reel/common/scalars';
import type { AccountDeps } from '../domain/accounts';
import type { Resolvers } from '../generated/resolvers-types';
import { mutationResolvers } from './Mutation';
import { Query } from './Query';
import { userResolvers } from './User';

export function createResolvers(deps: AccountDeps & { publicBaseUrl: string }): Resolvers {
  return {
    DateTime: dateTimeScalar,
    Query,
    Mutation: mutationResolvers(deps),
    User: userResolvers(deps.publicBaseUrl),
  };
}
