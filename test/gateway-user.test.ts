import { SignJWT, UnsecuredJWT } from 'jose';
import { errorCodes, graphql, seeder, uniqueName } from '@reel/testkit';
import { type Stack, startStack, subgraphChecksOk } from './harness';

const REGISTER =
  'mutation ($u: String!, $p: String!) { register(username: $u, password: $p) { token expiresIn user { id name avatar backgroundImage signature createdAt } } }';
const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id name } } }';
const VIEWER = '{ viewer { id name } }';

describe('accounts through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('registers, logs in and answers viewer and user(id)', async () => {
    const name = uniqueName('gw');
    const registered = await graphql<{ register: { token: string; user: { id: string } } }>(
      stack.gatewayUrl,
      REGISTER,
      { u: name, p: 'secret-1' },
    );
    expect(registered).toEqual({
      status: 200,
      data: {
        register: {
          token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
          expiresIn: stack.config.auth.ttlSeconds,
          user: {
            id: expect.stringMatching(/^\d+$/),
            name,
            avatar: `${stack.config.public.baseUrl}/static/default-avatar.png`,
            backgroundImage: `${stack.config.public.baseUrl}/static/default-background.jpg`,
            signature: '',
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          },
        },
      },
    });
    const id = registered.data!.register.user.id;
    const avatar = await fetch(`${stack.gatewayUrl}/static/default-avatar.png`);
    expect([avatar.status, avatar.headers.get('content-type')]).toEqual([200, 'image/png']);

    const login = await graphql<{ login: { token: string; user: { id: string; name: string } } }>(
      stack.gatewayUrl,
      LOGIN,
      { u: name, p: 'secret-1' },
    );
    expect(login.data?.login.user).toEqual({ id, name });
    expect(await graphql(stack.gatewayUrl, VIEWER, {}, { token: login.data!.login.token })).toEqual(
      { status: 200, data: { viewer: { id, name } } },
    );
    expect(
      await graphql(stack.gatewayUrl, 'query ($id: ID!) { user(id: $id) { id name } }', { id }),
    ).toEqual({ status: 200, data: { user: { id, name } } });
    expect(await graphql(stack.gatewayUrl, VIEWER)).toEqual({
      status: 200,
      data: { viewer: null },
    });
  });

  it.each([
    ['a duplicate username', () => 'dup', 'secret-1', 'CONFLICT', /already exists/],
    ['an empty username', () => '', 'secret-1', 'BAD_USER_INPUT', /username must not be empty/],
    [
      'a 33-character username',
      () => 'u'.repeat(33),
      'secret-1',
      'BAD_USER_INPUT',
      /at most 32 characters/,
    ],
    ['an empty password', uniqueName, '', 'BAD_USER_INPUT', /password must be 6 to 32/],
    ['a 5-character password', uniqueName, '12345', 'BAD_USER_INPUT', /password must be 6 to 32/],
    [
      'a 33-character password',
      uniqueName,
      'p'.repeat(33),
      'BAD_USER_INPUT',
      /password must be 6 to 32/,
    ],
  ])('refuses to register %s', async (_case, makeName, password, code, message) => {
    const name =
      makeName() === 'dup' ? (await seeder(stack.gatewayUrl).user()).user.name : makeName();
    const response = await graphql(stack.gatewayUrl, REGISTER, { u: name, p: password });
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code }),
      }),
    ]);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const { user } = await seeder(stack.gatewayUrl).user();
    const wrongPassword = await graphql(stack.gatewayUrl, LOGIN, {
      u: user.name,
      p: 'not-the-password',
    });
    const unknownUser = await graphql(stack.gatewayUrl, LOGIN, {
      u: uniqueName('nobody'),
      p: 'not-the-password',
    });
    expect(wrongPassword).toEqual(unknownUser);
    expect(errorCodes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(wrongPassword.errors?.[0]?.message).toBe('Wrong username or password');
  });

  it('rate-limits failed logins per account, counting parallel guesses and every spelling', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    // the collation folds case: "ABC" and "abc" are one account and share one count
    const spellings = [user.name, user.name.toUpperCase()];
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        graphql(stack.gatewayUrl, LOGIN, { u: spellings[i % 2], p: 'wrong-password' }),
      ),
    );
    expect(guesses.map(errorCodes)).toEqual(Array.from({ length: 10 }, () => ['UNAUTHENTICATED']));
    const limited = await graphql(stack.gatewayUrl, LOGIN, { u: user.name, p: password });
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
  });

  it('forgets earlier failures after a successful login', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    for (let i = 0; i < 9; i += 1)
      await graphql(stack.gatewayUrl, LOGIN, { u: user.name, p: 'wrong-password' });
    expect(
      errorCodes(await graphql(stack.gatewayUrl, LOGIN, { u: user.name, p: password })),
    ).toEqual([]);
    for (let i = 0; i < 9; i += 1)
      await graphql(stack.gatewayUrl, LOGIN, { u: user.name, p: 'wrong-password' });
    expect(
      errorCodes(await graphql(stack.gatewayUrl, LOGIN, { u: user.name, p: password })),
    ).toEqual([]);
  });

  describe('bad tokens get UNAUTHENTICATED with HTTP 401', () => {
    const secret = () => new TextEncoder().encode(stack.config.auth.secret);
    const claims = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setIssuer(stack.config.auth.issuer)
        .setAudience(stack.config.auth.audience)
        .setIssuedAt();

    it.each([
      ['malformed', async () => 'not-a-jwt', /invalid/],
      ['not a bearer header', async () => null, /Bearer/],
      [
        'expired',
        async () =>
          claims()
            .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
            .sign(secret()),
        /expired/,
      ],
      [
        'wrongly signed',
        async () =>
          claims()
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('another-secret-another-secret-123')),
        /invalid/,
      ],
      [
        'alg: none',
        async () =>
          new UnsecuredJWT({})
            .setSubject('1')
            .setIssuer(stack.config.auth.issuer)
            .setAudience(stack.config.auth.audience)
            .setExpirationTime('1h')
            .encode(),
        /invalid/,
      ],
      [
        'for another audience',
        async () => claims().setAudience('someone-else').setExpirationTime('1h').sign(secret()),
        /invalid/,
      ],
    ])('%s', async (_case, makeToken, message) => {
      const token = await makeToken();
      const response = await graphql(
        stack.gatewayUrl,
        VIEWER,
        {},
        token === null ? { authorization: 'Basic dXNlcjpwYXNz' } : { token },
      );
      expect(response).toEqual({
        status: 401,
        errors: [
          { message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    });
  });

  it('refuses GraphQL over a CSRF-able request and hides internals on a malformed query', async () => {
    const csrf = await fetch(
      `${stack.gatewayUrl}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`,
    );
    expect(csrf.status).toBe(400);
    const malformed = await graphql(stack.gatewayUrl, '{ viewer { id ');
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers health and readiness', async () => {
    const health = await fetch(`${stack.gatewayUrl}/healthz`);
    const ready = await fetch(`${stack.gatewayUrl}/readyz`);
    expect(await health.json()).toEqual({ status: 'ok', service: 'gateway' });
    expect(await ready.json()).toEqual({
      status: 'ready',
      service: 'gateway',
      checks: { supergraph: 'ok', subgraphs: 'ok' },
      subgraphs: subgraphChecksOk(stack),
    });
  });
});
