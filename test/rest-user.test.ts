import { request as httpRequest } from 'node:http';
import { errorTable } from '@reel/common';
import { uniqueName } from '@reel/testkit';
import { type Stack, startStack } from './harness';
import { limits as userLimits } from '@reel/user-subgraph/limits';
import { SignJWT, UnsecuredJWT } from 'jose';

type Fields = Record<string, string>;

interface SendOptions {
  query?: Fields;
  /** An application/x-www-form-urlencoded body (sent on GET too, as the official tests do). */
  form?: Fields;
  multipart?: Fields;
  headers?: Record<string, string>;
}

interface DouyinResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** node:http rather than fetch, which refuses a body on GET. */
async function send(
  method: 'GET' | 'POST',
  path: string,
  options: SendOptions = {},
): Promise<DouyinResponse> {
  const url = new URL(path, stack.restUrl);
  for (const [key, value] of Object.entries(options.query ?? {}))
    url.searchParams.append(key, value);
  const { body, contentType } = await encodeBody(options);
  return new Promise((resolve, reject) => {
    // node:http sends a GET body unframed unless told its length; Go's client sets it
    const framing = body
      ? { 'content-type': contentType ?? '', 'content-length': String(body.length) }
      : {};
    const headers = { ...framing, ...options.headers };
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
        } catch {
          reject(
            new Error(
              `HTTP ${res.statusCode} answered a body that is not JSON: ${text.slice(0, 200)}`,
            ),
          );
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function encodeBody(options: SendOptions): Promise<{ body?: Buffer; contentType?: string }> {
  if (options.form) {
    return {
      body: Buffer.from(new URLSearchParams(options.form).toString()),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (options.multipart) {
    const form = new FormData();
    for (const [key, value] of Object.entries(options.multipart)) form.append(key, value);
    const encoded = new Response(form);
    return {
      body: Buffer.from(await encoded.arrayBuffer()),
      contentType: encoded.headers.get('content-type') ?? undefined,
    };
  }
  return {};
}

const register = (username: string, password: string) =>
  send('POST', '/douyin/user/register/', { query: { username, password } });
const login = (username: string, password: string) =>
  send('POST', '/douyin/user/login/', { query: { username, password } });

async function registered(prefix = 'rest') {
  const username = uniqueName(prefix);
  const password = 'secret-pass';
  const { body } = await register(username, password);
  const { user_id: id, token } = body as { user_id: number; token: string };
  return { username, password, id, token };
}

/** Every documented key of a douyin User (douyin-api.md §2.1), as a fresh account has them. */
function freshUser(id: number, name: string) {
  return {
    id,
    name,
    follow_count: 0,
    follower_count: 0,
    is_follow: false,
    avatar: expect.stringMatching(/^http:\/\//),
    background_image: expect.stringMatching(/^http:\/\//),
    signature: expect.any(String),
    total_favorited: 0,
    work_count: 0,
    favorite_count: 0,
  };
}

const failedSession = (code: keyof typeof errorTable, message: unknown = expect.any(String)) => ({
  status_code: errorTable[code].httpStatus,
  status_msg: message,
  user_id: 0,
  token: '',
});

const failedUser = (code: keyof typeof errorTable, message: unknown = expect.any(String)) => ({
  status_code: errorTable[code].httpStatus,
  status_msg: message,
  user: null,
});

function expectDouyinJson(response: DouyinResponse) {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
}

describe('POST /douyin/user/register/', () => {
  it('creates the account and answers its id and a token', async () => {
    const response = await register(uniqueName('reg'), 'secret-pass');
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user_id: expect.any(Number),
      token: expect.any(String),
    });
    const { user_id: id, token } = response.body as { user_id: number; token: string };
    expect(id).toBeGreaterThan(0);
    expect(token).not.toBe('');
  });

  it('answers a taken username with a non-zero status, user_id 0 and token "" (HTTP 200)', async () => {
    const { username } = await registered('dup');
    const response = await register(username, 'other-pass');
    expectDouyinJson(response);
    expect(response.body).toEqual(failedSession('CONFLICT', 'User already exists'));
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
    expectDouyinJson(response);
    expect(response.body).toEqual(failedSession('BAD_USER_INPUT', expect.stringContaining(field)));
  });

  it('refuses missing parameters the same way as empty ones', async () => {
    const response = await send('POST', '/douyin/user/register/');
    expect(response.body).toEqual(
      failedSession('BAD_USER_INPUT', expect.stringContaining('username')),
    );
  });
});

describe('POST /douyin/user/login/', () => {
  it('answers the account id and a fresh token', async () => {
    const { username, password, id } = await registered('login');
    const response = await login(username, password);
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user_id: id,
      token: expect.stringMatching(/.+/),
    });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const { username } = await registered('wrong');
    const wrongPassword = await login(username, 'not-the-password');
    const unknownUser = await login(uniqueName('nobody'), 'secret-pass');
    expectDouyinJson(wrongPassword);
    expect(wrongPassword.body).toEqual(
      failedSession('UNAUTHENTICATED', 'Wrong username or password'),
    );
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });
});

describe('GET /douyin/user/', () => {
  it("answers the token's own user when there is no user_id, as the official test asks", async () => {
    const { username, id, token } = await registered('me');
    const response = await send('GET', '/douyin/user/', { query: { token } });
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user: freshUser(id, username),
    });
  });

  it('answers the token user for user_id 0 or an unparseable one', async () => {
    const { username, id, token } = await registered('zero');
    for (const userId of ['0', 'abc']) {
      const response = await send('GET', '/douyin/user/', { query: { token, user_id: userId } });
      expect(response.body).toEqual({
        status_code: 0,
        status_msg: 'success',
        user: freshUser(id, username),
      });
    }
  });

  it("answers another user's profile for their user_id", async () => {
    const viewer = await registered('viewer');
    const other = await registered('other');
    const response = await send('GET', '/douyin/user/', {
      query: { token: viewer.token, user_id: String(other.id) },
    });
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user: freshUser(other.id, other.username),
    });
  });

  it('reads "1e+06" as id 1000000, not as 1 the way parseInt would', async () => {
    const { token } = await registered('exp');
    const response = await send('GET', '/douyin/user/', { query: { token, user_id: '1e+06' } });
    expect(response.body).toEqual(failedUser('NOT_FOUND', 'User not found'));
  });

  it('answers NOT_FOUND for an id nobody has', async () => {
    const { token } = await registered('ghost');
    const response = await send('GET', '/douyin/user/', { query: { token, user_id: '987654' } });
    expectDouyinJson(response);
    expect(response.body).toEqual(failedUser('NOT_FOUND', 'User not found'));
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
      const response = await send('GET', '/douyin/user/', {
        query: token === undefined ? {} : { token },
      });
      expectDouyinJson(response);
      expect(response.body).toEqual(failedUser('UNAUTHENTICATED', expect.stringMatching(message)));
    });
  });
});

describe('where parameters come from', () => {
  it('reads an urlencoded body on POST', async () => {
    const username = uniqueName('form');
    const response = await send('POST', '/douyin/user/register/', {
      form: { username, password: 'secret-pass' },
    });
    expect(response.body).toMatchObject({ status_code: 0, user_id: expect.any(Number) });
  });

  it('reads a multipart body on POST', async () => {
    const { username, password, id } = await registered('multi');
    const response = await send('POST', '/douyin/user/login/', {
      multipart: { username, password },
    });
    expect(response.body).toMatchObject({ status_code: 0, user_id: id });
  });

  it('reads an urlencoded body on GET, as the official tests send it', async () => {
    const { username, id, token } = await registered('getbody');
    const response = await send('GET', '/douyin/user/', { form: { token, user_id: String(id) } });
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user: freshUser(id, username),
    });
  });

  it('prefers the query string to the body', async () => {
    const { username, password, id } = await registered('both');
    const response = await send('POST', '/douyin/user/login/', {
      query: { username, password },
      form: { username, password: 'wrong-password' },
    });
    expect(response.body).toMatchObject({ status_code: 0, user_id: id });
  });

  it('serves paths without the trailing slash, without redirecting', async () => {
    const { username, password, id, token } = await registered('slash');
    const loggedIn = await send('POST', '/douyin/user/login', { query: { username, password } });
    const profile = await send('GET', '/douyin/user', { query: { token } });
    expectDouyinJson(loggedIn);
    expect(loggedIn.body).toMatchObject({ status_code: 0, user_id: id });
    expect(profile.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      user: freshUser(id, username),
    });
  });
});

describe('anything else', () => {
  it('answers an unknown path with HTTP 200 JSON and status_code 404', async () => {
    const response = await send('GET', '/douyin/nothing/here/');
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: 404,
      status_msg: 'No such endpoint: GET /douyin/nothing/here/',
    });
  });

  it('answers the wrong method with the method to use', async () => {
    const response = await send('GET', '/douyin/user/register/');
    expectDouyinJson(response);
    expect(response.body).toEqual(
      failedSession('NOT_FOUND', 'GET is not served here; use POST /douyin/user/register/'),
    );
  });

  it("echoes the caller's x-request-id", async () => {
    const response = await send('GET', '/douyin/user/', {
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
