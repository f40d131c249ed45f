import { GraphQLUpload } from 'graphql-upload-minimal';
import type { MediaStore } from '@reel/common';
import { dateTimeScalar } from '@reel/common/scalars';
import type { PublishDeps } from '../domain/publish';
import type { Resolvers } from '../generated/resolvers-types';
import { mutationResolvers } from './Mutation';
import { queryResolvers } from './Query';
import { User } from './User';
import { videoResolvers } from './Video';

export function createResolvers(deps: PublishDeps & { store: MediaStore }): Resolvers {
  return {
    DateTime: dateTimeScalar,
    Upload: GraphQLUpload,
    Query: queryResolvers(deps.db),
    Mutation: mutationResolvers(deps),
    Video: videoResolvers(deps.store),
    User,
  };
}
