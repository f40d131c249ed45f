import { authLimits, errorTable } from '@reel/common';
import { graphql, seeder, type SeededUser } from '@reel/testkit';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { douyin, type DouyinClient, expectDouyinError, type Stack, startStack } from './harness';

// a public field beside one that needs the viewer: a refused token must not leave the public
// half answered (no partial result)
const MIXED = '{ feed(first: 1) { edges { node { id } } } viewer { id name } }';

type Claims = { iss?: string; aud?: string; sub?: string };

describe('RELIABILITY row 10: the JWT rejection matrix, on the gateway and on compat-rest', () => {
  let stack: Stack;
  let rest: DouyinClient;
  let viewer: SeededUser;
  let tokens: [string, string][];
  let valid: string;

  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: 'in-process' });
    rest = douyin(stack.restUrl);
    viewer = await seeder(stack.gatewayUrl).user();
    const { auth } = stack.config;
    const secret = new TextEncoder().encode(auth.secret);
    const now = Math.floor(Date.now() / 1000);
    const claims: Claims = { iss: auth.issuer, aud: auth.audience, sub: viewer.user.id };
    const signed = (override: Claims, exp: number | null, key: Uint8Array = secret) => {
      const jwt = new SignJWT({ ...claims, ...override })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(now - 60);
      return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(key);
    };
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const publicPem = await exportSPKI(rsa.publicKey);
    const hour = now + 3600;

    valid = await signed({}, hour);
    tokens = [
      ['alg: none', new UnsecuredJWT({ ...claims }).setExpirationTime(hour).encode()],
      [
        'HS256 signed with a wrong key',
        await signed({}, hour, new TextEncoder().encode('w'.repeat(48))),
      ],
      // the classic key confusion: the server's RSA public key, used as the HMAC secret
      [
        'HS256 signed with an RS256 public key as the secret',
        await signed({}, hour, new TextEncoder().encode(publicPem)),
      ],
      [
        'RS256, properly signed with a private key',
        await new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
          .setExpirationTime(hour)
          .sign(rsa.privateKey),
      ],
      [
        'exp one second past the clock tolerance',
        await signed({}, now - authLimits.clockToleranceSeconds - 1),
      ],
      ['a wrong iss', await signed({ iss: `${auth.issuer}-elsewhere` }, hour)],
      ['a wrong aud', await signed({ aud: `${auth.audience}-elsewhere` }, hour)],
      ['no exp', await signed({}, null)],
      ['no sub', await signed({ sub: undefined }, hour)],
      ['a sub that is no user id', await signed({ sub: '1 OR 1=1' }, hour)],
    ];
  });
  afterAll(() => stack?.close());

  it('the gateway answers every bad token HTTP 401 UNAUTHENTICATED, and no data at all', async () => {
    const answers = [];
    for (const [name, token] of tokens)
      answers.push([name, await graphql(stack.gatewayUrl, MIXED, {}, { token })]);
    expect(answers).toEqual(
      tokens.map(([name]) => [
        name,
        {
          status: 401,
          errors: [
            {
              message: expect.stringMatching(/^The token (is invalid|has expired); log in again$/),
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      ]),
    );
  });

  it('the gateway answers the valid token, and one expired by less than the tolerance', async () => {
    const { auth } = stack.config;
    const withinTolerance = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(viewer.user.id)
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      // half the tolerance: the margin absorbs a slow machine between signing and checking
      .setExpirationTime(Math.floor(Date.now() / 1000) - authLimits.clockToleranceSeconds / 2)
      .sign(new TextEncoder().encode(auth.secret));
    for (const token of [valid, withinTolerance]) {
      const response = await graphql<{ viewer: unknown }>(stack.gatewayUrl, MIXED, {}, { token });
      expect(response.errors).toBeUndefined();
      expect(response.data?.viewer).toEqual(viewer.user);
    }
  });

  // douyin-api.md §1.5: the Douyin app shows "network error" for any HTTP status but 200, so
  // compat-rest answers HTTP 200 with status_code 401 (errorTable's UNAUTHENTICATED)
  it('compat-rest refuses every bad token with status_code 401, where a token is required and where it is optional', async () => {
    expect(errorTable.UNAUTHENTICATED.httpStatus).toBe(401);
    for (const [name, token] of tokens) {
      const user = await rest.get('/douyin/user/', { query: { token } });
      expectDouyinError(user, 'UNAUTHENTICATED', /token/i, { user: null });
      // the feed takes guests, but a bad token is never read as a guest
      const feed = await rest.get('/douyin/feed/', { query: { token } });
      expect([name, feed.status, feed.body]).toEqual([
        name,
        200,
        expect.objectContaining({ status_code: 401, status_msg: expect.stringMatching(/token/i) }),
      ]);
      expect((feed.body as { video_list?: unknown[] }).video_list ?? []).toEqual([]);
    }
  });

  it('compat-rest answers the valid token', async () => {
    const user = await rest.get<{ status_code: number; user: { id: number } }>('/douyin/user/', {
      query: { token: valid },
    });
    expect(user.body).toMatchObject({ status_code: 0, user: { id: Number(viewer.user.id) } });
  });
});
