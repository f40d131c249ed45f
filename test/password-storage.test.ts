import { eq } from 'drizzle-orm';
import { operationLimits } from '@reel/gateway/limits';
import { errorCodes, graphql, seeder } from '@reel/testkit';
import { users } from '@reel/user-subgraph/db/schema';
import { limits } from '@reel/user-subgraph/limits';
import { type Stack, startStack } from './harness';

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }';
const WRONG_LOGINS = 20;
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane; "or stronger" is more of each
const OWASP = { m: 19_456, t: 2, p: 1 };

describe('RELIABILITY row 12: password storage and brute force', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: 'in-process' });
  });
  afterAll(() => stack?.close());

  it('stores an argon2id v19 hash at m=19456,t=2,p=1 or stronger, never the password', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const [row] = await stack.subgraphs.user.mysql.db
      .select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.id, Number(user.id)));
    const hash = row!.hash;
    expect(hash).not.toContain(password);
    // PHC format; node-argon2 writes the parameters as m,p,t, RELIABILITY.md spells them m,t,p:
    // the same parameters either way, so they are read by name
    const parts =
      /^\$argon2id\$v=19\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]{22,}\$[A-Za-z0-9+/]{43,}$/.exec(
        hash,
      );
    expect(parts).not.toBeNull();
    const params = Object.fromEntries(
      parts![1]!.split(',').map((pair) => [pair[0]!, Number(pair.slice(2))]),
    );
    expect(params).toEqual({ m: expect.any(Number), t: expect.any(Number), p: expect.any(Number) });
    expect([params.m! >= OWASP.m, params.t! >= OWASP.t, params.p! >= OWASP.p]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it(`${WRONG_LOGINS} wrong logins in one window: those past the limit get RATE_LIMITED with a retry-after`, async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const answers = [];
    for (let i = 0; i < WRONG_LOGINS; i += 1)
      answers.push(
        await graphql(
          stack.gatewayUrl,
          LOGIN,
          { u: user.name, p: `wrong-${i}` },
          from('203.0.113.121'),
        ),
      );
    expect(answers.map(errorCodes)).toEqual([
      ...Array.from({ length: limits.failedLoginsPerWindow }, () => ['UNAUTHENTICATED']),
      ...Array.from({ length: WRONG_LOGINS - limits.failedLoginsPerWindow }, () => [
        'RATE_LIMITED',
      ]),
    ]);
    for (const limited of answers.slice(limits.failedLoginsPerWindow)) {
      const retryAfter = limited.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(limits.failedLoginWindowSeconds);
    }
    // the right password does not get through from there either, until the window ends
    const right = await graphql(
      stack.gatewayUrl,
      LOGIN,
      { u: user.name, p: password },
      from('203.0.113.121'),
    );
    expect(errorCodes(right)).toEqual(['RATE_LIMITED']);
  });

  it('one mutation of 50 aliased login fields is refused before any subgraph call, and guesses nothing', async () => {
    const { user, password } = await seeder(stack.gatewayUrl).user();
    const fields = Array.from(
      { length: 50 },
      (_, i) => `l${i}: login(username: "${user.name}", password: "guess-${i}") { token }`,
    ).join(' ');
    const before = stack.subgraphs.user.operations.count;
    const batch = await graphql(
      stack.gatewayUrl,
      `mutation { ${fields} }`,
      {},
      from('203.0.113.122'),
    );
    expect(batch.status).toBe(400);
    expect(batch.data).toBeUndefined();
    expect(batch.errors?.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        `Aliases limit of ${operationLimits.maxAliases} exceeded, found 50.`,
        `Credential field limit of ${operationLimits.maxCredentialFields} exceeded, found 50: send one register/login per operation`,
      ]),
    );
    expect(stack.subgraphs.user.operations.count - before).toBe(0);
    // none of the 50 counted as a failed login: the account is not locked from that address
    const right = await graphql(
      stack.gatewayUrl,
      LOGIN,
      { u: user.name, p: password },
      from('203.0.113.122'),
    );
    expect(right).toEqual({ status: 200, data: { login: { user: { id: user.id } } } });
  });
});
