import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { seeder } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const wsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/graphql`;

/** Connects and resolves with the close event, or with 'connected' once the server acked. */
function connect(stack: Stack, connectionParams: Record<string, unknown>) {
  let client: Client | undefined;
  const outcome = new Promise<
    { connected: true; client: Client } | { code: number; reason: string }
  >((resolve) => {
    client = createClient({
      url: wsUrl(stack.gatewayUrl),
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: false,
      // the close is what these tests observe (on.closed), not an error to print
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve({ connected: true, client: client! }),
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          resolve({ code, reason });
        },
      },
    });
  });
  return { outcome, dispose: () => client?.dispose() };
}

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
    const errors = await new Promise<unknown>((resolve) => {
      result.client.subscribe(
        { query: '{ __typename }' },
        { next: (value) => resolve(value.errors), error: resolve, complete: () => undefined },
      );
    });
    expect(errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) }),
    ]);
    await socket.dispose();
  });

  it('closes every socket with 1001 when the gateway stops', async () => {
    const own = await startStack();
    const socket = connect(own, {});
    await expect(socket.outcome).resolves.toMatchObject({ connected: true });
    const closed = new Promise<number>((resolve) => {
      const result = socket.outcome as Promise<{ client: Client }>;
      void result.then(({ client }) =>
        client.on('closed', (event) => resolve((event as { code: number }).code)),
      );
    });
    await own.close();
    await expect(closed).resolves.toBe(1001);
    await socket.dispose();
  });
});
