import type { Endpoint } from '../endpoint';
import { operationOf, requiredId } from './action-type';

const document = /* GraphQL */ `
  mutation DouyinLike($videoId: ID!) {
    likeVideo(videoId: $videoId) {
      id
    }
  }

  mutation DouyinUnlike($videoId: ID!) {
    unlikeVideo(videoId: $videoId) {
      id
    }
  }
`;

/** Both are idempotent: a repeated like or unlike succeeds and changes nothing (douyin-api.md §3.7). */
export const favoriteAction: Endpoint<unknown> = {
  method: 'POST',
  path: '/douyin/favorite/action/',
  token: 'required',
  document,
  request: (params) => ({
    operationName: operationOf(params, {
      1: { operation: 'DouyinLike', meaning: 'like' },
      2: { operation: 'DouyinUnlike', meaning: 'unlike' },
    }),
    variables: { videoId: requiredId(params, 'video_id') },
  }),
  respond: () => ({}),
  failureFields: {},
};
