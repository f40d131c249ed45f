import { douyinUserFragment, type DouyinUserFields, toDouyinUser } from '../douyin-user';
import type { Endpoint, GraphqlRequest } from '../endpoint';
import { idParam, type Params } from '../params';
import { RestError } from '../rest-error';

const document = /* GraphQL */ `
  query DouyinUserById($id: ID!) {
    user(id: $id) {
      ...DouyinUser
    }
  }

  query DouyinViewer {
    user: viewer {
      ...DouyinUser
    }
  }

  ${douyinUserFragment}
`;

// The official TestUserAction sends only the token: no usable user_id means the token's own user
// (douyin-api.md §3.4).
function userRequest(params: Params): GraphqlRequest {
  const id = idParam(params.get('user_id'));
  if (id === undefined) return { operationName: 'DouyinViewer', variables: {} };
  return { operationName: 'DouyinUserById', variables: { id: String(id) } };
}

export const user: Endpoint<{ user: DouyinUserFields | null }> = {
  method: 'GET',
  path: '/douyin/user/',
  token: 'required',
  document,
  request: userRequest,
  respond: (data) => {
    if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
    return { user: toDouyinUser(data.user) };
  },
  failureFields: { user: null },
};
