import type { Endpoint } from '../endpoint';
import { credentialsOf, noSession, type SessionData, sessionFields } from './session';

const document = /* GraphQL */ `
  mutation DouyinLogin($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        id
      }
    }
  }
`;

export const userLogin: Endpoint<{ login: SessionData }> = {
  method: 'POST',
  path: '/douyin/user/login/',
  token: 'none',
  document,
  request: (params) => ({ variables: credentialsOf(params) }),
  respond: (data) => sessionFields(data.login),
  failureFields: noSession,
};
