import { douyinVideoFragment, type DouyinVideoFields, toDouyinVideo } from '../douyin-video';
import type { Endpoint, GraphqlRequest } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { idParam, type Params } from '../params';
import { RestError } from '../rest-error';

/**
 * A list of one user's things (their videos, the videos they like): `byId` for user_id; without
 * a usable user_id a token means "mine" (`viewer`), and a guest must name the user.
 */
export function userListRequest(
  operations: { byId: string; viewer: string },
  first: number,
): (params: Params) => GraphqlRequest {
  return (params) => {
    const variables = { first, after: null };
    const id = idParam(params.get('user_id'));
    if (id !== undefined) {
      return { operationName: operations.byId, variables: { ...variables, id: String(id) } };
    }
    if (params.get('token')) return { operationName: operations.viewer, variables };
    throw new RestError('BAD_USER_INPUT', 'user_id is missing or not a valid user id');
  };
}

type VideoListField = 'videos' | 'likedVideos';
type VideoListData<F extends VideoListField> = {
  user: Record<F, ConnectionPage<{ node: DouyinVideoFields }>> | null;
};

/**
 * A /douyin list of one user's videos (published, liked): the same two operations (by user_id,
 * or the viewer's own) over a `User` connection field, fetched page by page, answered in one go.
 */
export function userVideoListEndpoint<F extends VideoListField>(spec: {
  path: `/douyin/${string}/`;
  /** names the operations, e.g. `Publish` → DouyinPublishList, DouyinViewerPublishList */
  name: string;
  field: F;
  pageSize: number;
  max: number;
}): Endpoint<VideoListData<F>> {
  const operations = { byId: `Douyin${spec.name}List`, viewer: `DouyinViewer${spec.name}List` };
  const fragment = `Douyin${spec.name}VideoPage`;
  const document = /* GraphQL */ `
    query ${operations.byId}($id: ID!, $first: Int!, $after: String) {
      user(id: $id) {
        ...${fragment}
      }
    }

    query ${operations.viewer}($first: Int!, $after: String) {
      user: viewer {
        ...${fragment}
      }
    }

    fragment ${fragment} on User {
      ${spec.field}(first: $first, after: $after) {
        edges {
          node {
            ...DouyinVideo
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }

    ${douyinVideoFragment}
  `;
  return {
    method: 'GET',
    path: spec.path,
    token: 'optional',
    document,
    request: userListRequest(operations, spec.pageSize),
    paging: allPagesOf((data) => data.user?.[spec.field], {
      pageSize: spec.pageSize,
      max: spec.max,
    }),
    respond: (data) => {
      if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
      return {
        video_list: data.user[spec.field].edges.map((edge) => toDouyinVideo(edge.node)),
      };
    },
    failureFields: { video_list: [] },
  };
}
