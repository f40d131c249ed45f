import { issueToken, verifyToken } from './auth';
import { authLimits } from './limits';

const auth = {
  secret: 'a-test-secret-a-test-secret-0123456789',
  issuer: 'reel',
  audience: 'reel-api',
  ttlSeconds: 60,
};

afterEach(() => jest.useRealTimers());

describe('verifyToken', () => {
  it('answers a token verified before with the same viewer, as a copy', async () => {
    const token = await issueToken(auth, 42);
    const first = await verifyToken(auth, token);
    first.id = 7; // a caller's change reaches no later caller
    expect(await verifyToken(auth, token)).toEqual({ id: 42, expiresAt: expect.any(Number) });
  });

  it('refuses a remembered token once its exp and the clock tolerance have passed', async () => {
    const now = Date.now();
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate'] });
    const token = await issueToken(auth, 42);
    const { expiresAt } = await verifyToken(auth, token);
    jest.setSystemTime(expiresAt! + authLimits.clockToleranceSeconds * 1000 - 1_000);
    await expect(verifyToken(auth, token)).resolves.toMatchObject({ id: 42 });
    jest.setSystemTime(expiresAt! + authLimits.clockToleranceSeconds * 1000 + 1_000);
    await expect(verifyToken(auth, token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'The token has expired; log in again',
    });
  });

  it('remembers per config: a token verified under one secret is refused under another', async () => {
    const token = await issueToken(auth, 42);
    await verifyToken(auth, token);
    const other = { ...auth, secret: 'another-secret-another-secret-0123456789' };
    await expect(verifyToken(other, token)).rejects.toMatchObject({
      message: 'The token is invalid; log in again',
    });
    await expect(verifyToken({ ...auth, audience: 'elsewhere' }, token)).rejects.toMatchObject({
      message: 'The token is invalid; log in again',
    });
  });
});
