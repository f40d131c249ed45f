import { request as httpRequest } from 'node:http';
import { errorTable } from '@reel/common';
import { errorCodes, graphql, seeder, uniqueName } from '@reel/testkit';
import { limits } from '@reel/user-subgraph/limits';
import { type Stack, startStack } from './harness';

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }';
const REGISTER =
  'mutation ($u: String!, $p: String!) { register(username: $u, password: $p) { user { id } } }';

// documentation addresses (RFC 5737, RFC 3849): each test owns the ones it uses
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

function login(stack: Stack, username: string, password: string, address: string) {
  return graphql(stack.gatewayUrl, LOGIN, { u: username, p: password }, from(address));
}

/** One POST /douyin/user/login/ through compat-rest, from `address` as a proxy in front says. */
function restLogin(stack: Stack, username: string, password: string, address: string) {
  const url = new URL('/douyin/user/login/', stack.restUrl);
  url.searchParams.set('username', username);
  url.searchParams.set('password', password);
  return new Promise<{ status_code: number; status_msg: string }>((resolve, reject) => {
    httpRequest(url, { method: 'POST', headers: { 'x-forwarded-for': address } }, async (res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    })
      .on('error', reject)
      .end();
  });
}

const wrongGuesses = limits.failedLoginsPerWindow + 1;

describe.each(['remote', 'in-process'])('login limits, subgraphs %s', (topology) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  it('locks an account out only for the address that guessed wrong', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const guesses = [];
    for (let i = 0; i < wrongGuesses; i += 1)
      guesses.push(errorCodes(await login(stack, user.name, 'wrong-password', '203.0.113.10')));
    expect(guesses).toEqual([
      ...Array.from({ length: limits.failedLoginsPerWindow }, () => ['UNAUTHENTICATED']),
      ['RATE_LIMITED'],
    ]);

    const owner = await login(stack, user.name, password, '198.51.100.20');
    expect(owner).toEqual({ status: 200, data: { login: { user: { id: user.id } } } });
    const guesser = await login(stack, user.name, password, '203.0.113.10');
    expect(guesser.errors).toEqual([
      {
        message: 'Too many failed logins for this user; try again later',
        path: ['login'],
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds: expect.any(Number),
          serviceName: 'user',
        },
      },
    ]);
    const retryAfter = guesser.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limits.failedLoginWindowSeconds);
  });

  it('limits one address across many accounts, right password or not', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const accounts = Array.from({ length: 25 }, () => uniqueName('spread'));
    // spread thin: no account sees more than its own limit from this address
    const perAccount = limits.loginsPerAddressPerWindow / accounts.length;
    expect(perAccount).toBeLessThanOrEqual(limits.failedLoginsPerWindow);
    for (let i = 0; i < limits.loginsPerAddressPerWindow; i += 1) {
      const response = await login(stack, accounts[i % accounts.length]!, 'x', '203.0.113.30');
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    }

    const limited = await login(stack, user.name, password, '203.0.113.30');
    expect(limited.errors?.[0]).toMatchObject({
      message: 'Too many logins from this address; try again later',
      extensions: { code: 'RATE_LIMITED' },
    });
    const elsewhere = await login(stack, user.name, password, '198.51.100.30');
    expect(errorCodes(elsewhere)).toEqual([]);
  });

  it('limits registrations per address, counting every call', async () => {
    for (let i = 0; i < limits.registrationsPerAddressPerWindow; i += 1) {
      // refused for a short password, still counted: the limit also bounds the work
      const response = await graphql(
        stack.gatewayUrl,
        REGISTER,
        { u: uniqueName('reg'), p: 'x' },
        from('203.0.113.40'),
      );
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
    const limited = await graphql(
      stack.gatewayUrl,
      REGISTER,
      { u: uniqueName('reg'), p: 'secret-pass' },
      from('203.0.113.40'),
    );
    expect(limited.errors?.[0]).toMatchObject({
      message: 'Too many registrations from this address; try again later',
      extensions: { code: 'RATE_LIMITED' },
    });
    const elsewhere = await graphql(
      stack.gatewayUrl,
      REGISTER,
      { u: uniqueName('reg'), p: 'secret-pass' },
      from('198.51.100.40'),
    );
    expect(errorCodes(elsewhere)).toEqual([]);
  });

  it("compat-rest forwards its client's address, so the REST app gets the same policy", async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const codes = [];
    for (let i = 0; i < wrongGuesses; i += 1)
      codes.push((await restLogin(stack, user.name, 'wrong-password', '203.0.113.50')).status_code);
    expect(codes.at(-1)).toBe(errorTable.RATE_LIMITED.httpStatus);

    const owner = await restLogin(stack, user.name, password, '198.51.100.50');
    const guesser = await restLogin(stack, user.name, password, '203.0.113.50');
    expect([owner.status_code, guesser.status_code]).toEqual([
      0,
      errorTable.RATE_LIMITED.httpStatus,
    ]);
  });
});

describe('with TRUSTED_PROXY=none the gateway believes only the socket', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ TRUSTED_PROXY: 'none' });
  });
  afterAll(() => stack.close());

  it('so a forged X-Forwarded-For buys no fresh address', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    for (let i = 0; i < wrongGuesses; i += 1)
      await login(stack, user.name, 'wrong-password', `203.0.113.${60 + i}`);
    const forged = await login(stack, user.name, password, '198.51.100.60');
    expect(errorCodes(forged)).toEqual(['RATE_LIMITED']);
  });
});
