import { douyinUserFragment, type DouyinUserFields, toDouyinUser } from '../douyin-user';
import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { RestError } from '../rest-error';
import { userListRequest } from './user-list';

interface RelationListData {
  user: { users: ConnectionPage<{ node: DouyinUserFields }> } | null;
}

/**
 * One side of a user's follows as a douyin `user_list`, newest follow first: `field` is
 * User.following or User.followers, `name` names the operations (Douyin<name>, and
 * DouyinViewer<name> for a token without user_id).
 */
export function relationList(options: {
  path: Endpoint<unknown>['path'];
  field: 'following' | 'followers';
  name: string;
}): Endpoint<RelationListData> {
  const byId = `Douyin${options.name}`;
  const viewer = `DouyinViewer${options.name}`;
  const page = `Douyin${options.name}Page`;
  const document = /* GraphQL */ `
    query ${byId}($id: ID!, $first: Int!, $after: String) {
      user(id: $id) {
        ...${page}
      }
    }

    query ${viewer}($first: Int!, $after: String) {
      user: viewer {
        ...${page}
      }
    }

    fragment ${page} on User {
      users: ${options.field}(first: $first, after: $after) {
        edges {
          node {
            ...DouyinUser
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }

    ${douyinUserFragment}
  `;
  return {
    method: 'GET',
    path: options.path,
    token: 'optional',
    document,
    request: userListRequest({ byId, viewer }, limits.relationListPageUsers),
    paging: allPagesOf((data) => data.user?.users, {
      pageSize: limits.relationListPageUsers,
      max: limits.relationListMaxUsers,
    }),
    respond: (data) => {
      if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
      return { user_list: data.user.users.edges.map((edge) => toDouyinUser(edge.node)) };
    },
    failureFields: { user_list: [] },
  };
}
