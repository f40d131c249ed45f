import type { GraphqlRequest } from '../endpoint';
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
