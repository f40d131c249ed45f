import { withDeadline } from '@reel/common';
import { seeder } from '@reel/testkit';
import { connectSocket, type Stack, startStack } from './harness';

const connect = (stack: Stack, connectionParams: Record<string, unknown>) =>
  connectSocket(stack.gatewayUrl, connectionParams);

describe('the realtime edge socket on /graphql', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('accepts a valid token in connection_init', async () => {
    const { token } = await seeder(stack.gatewayUrl).user();
    const socket = connect(stack, { authorization: `Bearer ${token}` });
    await expect(socket.outcome).resolves.toMatchObject({ connected: true });
    await socket.dispose();
  });

  it('accepts an anonymous socket (public streams need no account)', async () => {
    const socket = connect(stack, {});
    await expect(socket.outcome).resolves.toMatchObject({ connected: true });
    await socket.dispose();
  });

  it.each([
    ['a forged token', { authorization: 'Bearer not.a.jwt' }],
    ['a token without Bearer', { authorization: 'abc' }],
    ['an authorization that is not a string', { authorization: 42 }],
  ])('refuses %s with 4403', async (_case, params) => {
    const socket = connect(stack, params);
    await expect(socket.outcome).resolves.toEqual({ code: 4403, reason: 'Forbidden' });
    await socket.dispose();
  });

  it('runs no queries over the socket: they belong on HTTP', async () => {
    const socket = connect(stack, {});
    const result = await socket.outcome;
    if (!('connected' in result)) throw new Error(`closed: ${result.code}`);
    const answer = new Promise<unknown>((resolve) => {
      result.client.subscribe(
        { query: '{ __typename }' },
        { next: (value) => resolve(value.errors), error: resolve, complete: () => undefined },
      );
    });
    const errors = await withDeadline(answer, 10_000, 'the query got no answer');
    expect(errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) }),
    ]);
    await socket.dispose();
  });

  it('closes every socket with 1001 when the gateway stops', async () => {
    const own = await startStack();
    const socket = connect(own, {});
    await expect(socket.outcome).resolves.toMatchObject({ connected: true });
    await own.close();
    await expect(withDeadline(socket.closed, 10_000, 'the socket stayed open')).resolves.toEqual({
      code: 1001,
      reason: expect.any(String),
    });
    await socket.dispose();
  });
});
