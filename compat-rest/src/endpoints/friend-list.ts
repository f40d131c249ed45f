import {
  douyinUserFragment,
  type DouyinUser,
  type DouyinUserFields,
  toDouyinUser,
} from '../douyin-user';
import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { RestError } from '../rest-error';
import { userListRequest } from './user-list';

const document = /* GraphQL */ `
  query DouyinFriendList($id: ID!, $first: Int!, $after: String) {
    user(id: $id) {
      ...DouyinFriendPage
    }
  }

  query DouyinViewerFriendList($first: Int!, $after: String) {
    user: viewer {
      ...DouyinFriendPage
    }
  }

  fragment DouyinFriendPage on User {
    friends(first: $first, after: $after) {
      edges {
        node {
          ...DouyinUser
        }
        lastMessage {
          content
        }
        lastMessageDirection
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }

  ${douyinUserFragment}
`;

interface FriendEdge {
  node: DouyinUserFields;
  lastMessage: { content: string } | null;
  lastMessageDirection: 'RECEIVED' | 'SENT' | null;
}

interface FriendListData {
  user: { friends: ConnectionPage<FriendEdge> } | null;
}

/** douyin-api.md §2.5: a User's keys and the newest message with the token's user. */
export interface DouyinFriendUser extends DouyinUser {
  message: string;
  /** 0: the token's user received `message` (or there is none); 1: they sent it */
  msgType: 0 | 1;
  /** msgType again: no source shows which key the app reads (douyin-api.md §2.5) */
  msg_type: 0 | 1;
}

function toDouyinFriend(edge: FriendEdge): DouyinFriendUser {
  const msgType = edge.lastMessageDirection === 'SENT' ? 1 : 0;
  return {
    ...toDouyinUser(edge.node),
    message: edge.lastMessage?.content ?? '',
    msgType,
    msg_type: msgType,
  };
}

/** user_id's mutual follows (the token's user's when absent), newest follow first (§3.14). */
export const friendList: Endpoint<FriendListData> = {
  method: 'GET',
  path: '/douyin/relation/friend/list/',
  token: 'required',
  document,
  request: userListRequest(
    { byId: 'DouyinFriendList', viewer: 'DouyinViewerFriendList' },
    limits.relationListPageUsers,
  ),
  paging: allPagesOf((data) => data.user?.friends, {
    pageSize: limits.relationListPageUsers,
    max: limits.relationListMaxUsers,
  }),
  respond: (data) => {
    if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
    return { user_list: data.user.friends.edges.map(toDouyinFriend) };
  },
  failureFields: { user_list: [] },
};
