import { uniqueName } from '@reel/testkit';
import {
  douyin,
  type DouyinBody,
  type DouyinClient,
  type DouyinResponse,
  douyinUser,
  expectDouyinError,
  expectDouyinOk,
  newAccount,
  type Stack,
  startStack,
} from './harness';
import { limits as userLimits } from '@reel/user-subgraph/limits';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { ErrorCode } from '@reel/common';

let stack: Stack;
let rest: DouyinClient;

beforeAll(async () => {
  stack = await startStack();
  rest = douyin(stack.restUrl);
});
afterAll(() => stack.close());

/** What register and login answer (douyin-api.md §3.2, §3.3). */
interface Session extends DouyinBody {
  user_id: number;
  token: string;
}

const register = (username: string, password: string) =>
  rest.post<Session>('/douyin/user/register/', { query: { username, password } });
const login = (username: string, password: string) =>
  rest.post<Session>('/douyin/user/login/', { query: { username, password } });

async function registered(prefix = 'rest') {
  const username = uniqueName(prefix);
  const password = 'secret-pass';
  const { body } = await register(username, password);
  const { user_id: id, token } = body;
  return { username, password, id, token };
}

/** A fresh account as a douyin User (douyin-api.md §2.1). */
const freshUser = (id: number, name: string) => douyinUser({ id, name, ...newAccount });

// register and login fail with user_id 0 and token "", never missing keys (douyin-api.md §3.2)
const expectFailedSession = (
  response: DouyinResponse<unknown>,
  code: ErrorCode,
  message?: string | RegExp,
) => expectDouyinError(response, code, message, { user_id: 0, token: '' });

const expectFailedUser = (
  response: DouyinResponse<unknown>,
  code: ErrorCode,
  message?: string | RegExp,
) => expectDouyinError(response, code, message, { user: null });

describe('POST /douyin/user/register/', () => {
  it('creates the account and answers its id and a token', async () => {
    const response = await register(uniqueName('reg'), 'secret-pass');
    expectDouyinOk(response, { user_id: expect.any(Number), token: expect.any(String) });
    const { user_id: id, token } = response.body;
    expect(id).toBeGreaterThan(0);
    expect(token).not.toBe('');
  });

  it('answers a taken username with a non-zero status, user_id 0 and token "" (HTTP 200)', async () => {
    const { username } = await registered('dup');
    const response = await register(username, 'other-pass');
    expectFailedSession(response, 'CONFLICT', 'User already exists');
  });

  const tooLong = (chars: number) => 'x'.repeat(chars + 1);
  it.each([
    ['a username over the limit', tooLong(userLimits.usernameMaxChars), 'secret-pass', 'username'],
    [
      'a password over the limit',
      uniqueName('long'),
      tooLong(userLimits.passwordMaxChars),
      'password',
    ],
    [
      'a password under the limit',
      uniqueName('short'),
      'x'.repeat(userLimits.passwordMinChars - 1),
      'password',
    ],
    ['an empty username', '', 'secret-pass', 'username'],
    ['an empty password', uniqueName('empty'), '', 'password'],
  ])('refuses %s with a message naming the field', async (_case, username, password, field) => {
    const response = await register(username, password);
    expectFailedSession(response, 'BAD_USER_INPUT', new RegExp(field));
  });

  it('refuses missing parameters the same way as empty ones', async () => {
    const response = await rest.post('/douyin/user/register/');
    expectFailedSession(response, 'BAD_USER_INPUT', /username/);
  });
});

describe('POST /douyin/user/login/', () => {
  it('answers the account id and a fresh token', async () => {
    const { username, password, id } = await registered('login');
    const response = await login(username, password);
    expectDouyinOk(response, { user_id: id, token: expect.stringMatching(/.+/) });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const { username } = await registered('wrong');
    const wrongPassword = await login(username, 'not-the-password');
    const unknownUser = await login(uniqueName('nobody'), 'secret-pass');
    expectFailedSession(wrongPassword, 'UNAUTHENTICATED', 'Wrong username or password');
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });
});

describe('GET /douyin/user/', () => {
  it("answers the token's own user when there is no user_id, as the official test asks", async () => {
    const { username, id, token } = await registered('me');
    const response = await rest.get('/douyin/user/', { query: { token } });
    expectDouyinOk(response, { user: freshUser(id, username) });
  });

  it('answers the token user for user_id 0 or an unparseable one', async () => {
    const { username, id, token } = await registered('zero');
    for (const userId of ['0', 'abc']) {
      const response = await rest.get('/douyin/user/', { query: { token, user_id: userId } });
      expectDouyinOk(response, { user: freshUser(id, username) });
    }
  });

  it("answers another user's profile for their user_id", async () => {
    const viewer = await registered('viewer');
    const other = await registered('other');
    const response = await rest.get('/douyin/user/', {
      query: { token: viewer.token, user_id: String(other.id) },
    });
    expectDouyinOk(response, { user: freshUser(other.id, other.username) });
  });

  it('reads "1e+06" as id 1000000, not as 1 the way parseInt would', async () => {
    const { token } = await registered('exp');
    const response = await rest.get('/douyin/user/', { query: { token, user_id: '1e+06' } });
    expectFailedUser(response, 'NOT_FOUND', 'User not found');
  });

  it('answers NOT_FOUND for an id nobody has', async () => {
    const { token } = await registered('ghost');
    const response = await rest.get('/douyin/user/', { query: { token, user_id: '987654' } });
    expectFailedUser(response, 'NOT_FOUND', 'User not found');
  });

  describe('refuses a bad token with HTTP 200 and a readable UNAUTHENTICATED', () => {
    const claims = () => ({
      iss: stack.config.auth.issuer,
      aud: stack.config.auth.audience,
      sub: '1',
    });
    const secret = () => new TextEncoder().encode(stack.config.auth.secret);
    const tokens: [string, () => Promise<string | undefined>, RegExp][] = [
      ['missing', async () => undefined, /token/i],
      ['malformed', async () => 'not-a-jwt', /invalid/i],
      [
        'expired',
        () =>
          new SignJWT(claims())
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
            .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
            .sign(secret()),
        /expired/i,
      ],
      [
        'signed with another secret',
        () =>
          new SignJWT(claims())
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('another-secret-another-secret-another-secret')),
        /invalid/i,
      ],
      [
        'unsigned (alg: none)',
        async () => new UnsecuredJWT(claims()).setExpirationTime('1h').encode(),
        /invalid/i,
      ],
    ];

    it.each(tokens)('%s', async (_case, makeToken, message) => {
      const token = await makeToken();
      const response = await rest.get('/douyin/user/', {
        query: token === undefined ? {} : { token },
      });
      expectFailedUser(response, 'UNAUTHENTICATED', message);
    });
  });
});

describe('where parameters come from', () => {
  it('reads an urlencoded body on POST', async () => {
    const username = uniqueName('form');
    const response = await rest.post('/douyin/user/register/', {
      form: { username, password: 'secret-pass' },
    });
    expect(response.body).toMatchObject({ status_code: 0, user_id: expect.any(Number) });
  });

  it('reads a multipart body on POST', async () => {
    const { username, password, id } = await registered('multi');
    const response = await rest.postMultipart('/douyin/user/login/', { username, password });
    expect(response.body).toMatchObject({ status_code: 0, user_id: id });
  });

  it('reads an urlencoded body on GET, as the official tests send it', async () => {
    const { username, id, token } = await registered('getbody');
    const response = await rest.get('/douyin/user/', { form: { token, user_id: String(id) } });
    expectDouyinOk(response, { user: freshUser(id, username) });
  });

  it('prefers the query string to the body', async () => {
    const { username, password, id } = await registered('both');
    const response = await rest.post('/douyin/user/login/', {
      query: { username, password },
      form: { username, password: 'wrong-password' },
    });
    expect(response.body).toMatchObject({ status_code: 0, user_id: id });
  });

  it('serves paths without the trailing slash, without redirecting', async () => {
    const { username, password, id, token } = await registered('slash');
    const loggedIn = await rest.post('/douyin/user/login', { query: { username, password } });
    const profile = await rest.get('/douyin/user', { query: { token } });
    expectDouyinOk(loggedIn, { user_id: id, token: expect.any(String) });
    expectDouyinOk(profile, { user: freshUser(id, username) });
  });
});

describe('anything else', () => {
  it('answers an unknown path with HTTP 200 JSON and status_code 404', async () => {
    const response = await rest.get('/douyin/nothing/here/');
    expectDouyinError(response, 'NOT_FOUND', 'No such endpoint: GET /douyin/nothing/here/');
  });

  it('answers the wrong method with the method to use', async () => {
    const response = await rest.get('/douyin/user/register/');
    expectFailedSession(
      response,
      'NOT_FOUND',
      'GET is not served here; use POST /douyin/user/register/',
    );
  });

  it("echoes the caller's x-request-id", async () => {
    const response = await rest.get('/douyin/user/', {
      headers: { 'x-request-id': 'rest-user-test-1' },
    });
    expect(response.headers['x-request-id']).toBe('rest-user-test-1');
  });

  it('is ready once the gateway answers', async () => {
    const response = await fetch(`${stack.restUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      service: 'compat-rest',
      checks: { gateway: 'ok' },
    });
  });
});
