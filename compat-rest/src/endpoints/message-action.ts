import type { Endpoint } from '../endpoint';
import { RestError } from '../rest-error';
import { requiredId } from './action-type';

const document = /* GraphQL */ `
  mutation DouyinSendMessage($toUserId: ID!, $content: String!) {
    sendMessage(toUserId: $toUserId, content: $content) {
      id
    }
  }
`;

/**
 * action_type 1 sends (the only one, douyin-api.md §3.15); no friendship is needed. TestChat
 * repeats `content` in the query: the first value is the one (params.ts).
 */
export const messageAction: Endpoint<unknown> = {
  method: 'POST',
  path: '/douyin/message/action/',
  token: 'required',
  document,
  request: (params) => {
    if (params.get('action_type')?.trim() !== '1')
      throw new RestError('BAD_USER_INPUT', 'action_type must be 1 (send a message)');
    // an absent content goes through as "" so the subgraph names what is missing
    return {
      variables: {
        toUserId: requiredId(params, 'to_user_id'),
        content: params.get('content') ?? '',
      },
    };
  },
  respond: () => ({}),
  failureFields: {},
};
