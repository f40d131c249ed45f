import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { type Params, positiveNumberParam } from '../params';
import { requiredId } from './action-type';

const document = /* GraphQL */ `
  query DouyinChat($peerId: ID!, $first: Int!, $after: String, $createdAfterMs: Float) {
    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {
      edges {
        node {
          id
          content
          createdAtMs
          from {
            id
          }
          to {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface ChatMessageFields {
  id: string;
  content: string;
  createdAtMs: number;
  from: { id: string };
  to: { id: string };
}

interface ChatData {
  conversation: ConnectionPage<{ node: ChatMessageFields }>;
}

/** douyin-api.md §2.4: create_time in epoch ms, a JSON number (a date string breaks the app). */
export interface DouyinMessage {
  id: number;
  to_user_id: number;
  from_user_id: number;
  content: string;
  create_time: number;
}

/**
 * pre_msg_time in epoch ms; 0 when absent, 0, negative or not a number. A value below
 * limits.chatSecondsBelow is in seconds, an old server's create_time (douyin-api.md §5.3).
 */
export function preMsgTimeMs(params: Params): number {
  const time = positiveNumberParam(params.get('pre_msg_time'));
  if (time === undefined) return 0;
  return time < limits.chatSecondsBelow ? time * 1000 : time;
}

/**
 * The conversation with to_user_id, oldest first, as the app polls it (douyin-api.md §5.3):
 * pre_msg_time 0 answers the whole conversation, both ways (the newest limits.chatMaxMessages);
 * any other answers only what the peer sent strictly after it. The app appends every message it
 * gets and has already appended its own sends, stamped by its own clock: echoing them would
 * show them twice. Strictly after: the newest message it has would repeat on every poll.
 */
export const messageChat: Endpoint<ChatData> = {
  method: 'GET',
  path: '/douyin/message/chat/',
  token: 'required',
  document,
  request: (params) => {
    const since = preMsgTimeMs(params);
    return {
      variables: {
        peerId: requiredId(params, 'to_user_id'),
        first: limits.chatPageMessages,
        after: null,
        createdAfterMs: since > 0 ? since : null,
      },
    };
  },
  paging: allPagesOf((data) => data.conversation, {
    pageSize: limits.chatPageMessages,
    max: limits.chatMaxMessages,
  }),
  respond: (data, params) => {
    const peer = requiredId(params, 'to_user_id');
    const polling = preMsgTimeMs(params) > 0;
    const newestFirst = data.conversation.edges
      .map((edge) => edge.node)
      .filter((message) => !polling || message.from.id === peer);
    return { message_list: newestFirst.reverse().map(toDouyinMessage) };
  },
  failureFields: { message_list: [] },
};

function toDouyinMessage(message: ChatMessageFields): DouyinMessage {
  return {
    id: Number(message.id),
    to_user_id: Number(message.to.id),
    from_user_id: Number(message.from.id),
    content: message.content,
    create_time: message.createdAtMs,
  };
}
