import type { Endpoint } from '../endpoint';
import { operationOf, requiredId } from './action-type';

const document = /* GraphQL */ `
  mutation DouyinFollow($userId: ID!) {
    follow(userId: $userId) {
      id
    }
  }

  mutation DouyinUnfollow($userId: ID!) {
    unfollow(userId: $userId) {
      id
    }
  }
`;

/**
 * Both are idempotent: the official TestRelation follows the same user on every run, and a repeat
 * succeeds (douyin-api.md §3.11). Following oneself is refused.
 */
export const relationAction: Endpoint<unknown> = {
  method: 'POST',
  path: '/douyin/relation/action/',
  token: 'required',
  document,
  request: (params) => ({
    operationName: operationOf(params, {
      1: { operation: 'DouyinFollow', meaning: 'follow' },
      2: { operation: 'DouyinUnfollow', meaning: 'unfollow' },
    }),
    variables: { userId: requiredId(params, 'to_user_id') },
  }),
  respond: () => ({}),
  failureFields: {},
};
