import type { Endpoint } from '../endpoint';
import { credentialsOf, noSession, type SessionData, sessionFields } from './session';

const document = /* GraphQL */ `
  mutation DouyinRegister($username: String!, $password: String!) {
    register(username: $username, password: $password) {
      token
      user {
        id
      }
    }
  }
`;

export const userRegister: Endpoint<{ register: SessionData }> = {
  method: 'POST',
  path: '/douyin/user/register/',
  token: 'none',
  document,
  request: (params) => ({ variables: credentialsOf(params) }),
  respond: (data) => sessionFields(data.register),
  failureFields: noSession,
};
