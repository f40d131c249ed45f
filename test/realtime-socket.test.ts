import type { Client } from 'graphql-ws';
import { withDeadline } from '@reel/common';
import { videoComment } from '@reel/contracts';
import { limits, operationLimits } from '@reel/gateway/limits';
import { eventually, graphql, seeder } from '@reel/testkit';
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

  /** The errors a subscribe message is refused with; null when it was accepted and runs on. */
  const refusal = (client: Client, query: string) =>
    new Promise<unknown>((resolve) => {
      client.subscribe(
        { query },
        { next: () => undefined, error: resolve, complete: () => resolve('completed') },
      );
    });

  it('shows Sandbox the Subscription type: introspection over HTTP lists its fields', async () => {
    const response = await graphql<{ __schema: { subscriptionType: unknown } }>(
      stack.gatewayUrl,
      '{ __schema { subscriptionType { name fields { name } } } }',
    );
    expect(response.data?.__schema.subscriptionType).toEqual({
      name: 'Subscription',
      fields: [
        { name: 'commentAdded' },
        { name: 'commentDeleted' },
        { name: 'danmakuAdded' },
        { name: 'messageReceived' },
      ],
    });
  });

  it('validates a subscription against the API schema and its arguments, then serves it', async () => {
    const socket = connect(stack, {});
    const result = await socket.outcome;
    if (!('connected' in result)) throw new Error(`closed: ${result.code}`);
    const within = (answer: Promise<unknown>) => withDeadline(answer, 10_000, 'no answer');
    expect(await within(refusal(result.client, 'subscription { nope }'))).toEqual([
      expect.objectContaining({ message: 'Cannot query field "nope" on type "Subscription".' }),
    ]);
    expect(
      await within(refusal(result.client, 'subscription { commentDeleted(videoId: "x1") }')),
    ).toEqual([
      {
        message: 'videoId must be a positive integer id',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    // per event, the selection costs what the same query would: about 5,200, past the limit
    const costly = `subscription { commentAdded(videoId: "1") { video { comments(first: 50) {
      edges { node { video { comments(first: 50) { edges { node { id } } } } } } } } } }`;
    expect(await within(refusal(result.client, costly))).toEqual([
      {
        message: expect.stringMatching(
          new RegExp(
            `^Query cost limit of ${operationLimits.maxCost} exceeded, estimated \\d+ per event$`,
          ),
        ),
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect(
      await within(
        refusal(
          result.client,
          'subscription ($on: Boolean = true) { commentDeleted(videoId: "1") @include(if: $on) }',
        ),
      ),
    ).toEqual([
      {
        message: "A subscription's root field cannot be included or skipped by a variable",
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    void refusal(result.client, 'subscription { commentDeleted(videoId: "1") }');
    await eventually(() =>
      expect(stack.realtime.watching(videoComment.subject(stack.namespace, 1))).toEqual({
        live: true,
        subscribers: 1,
      }),
    );
    await socket.dispose();
  });

  it(`refuses more than ${limits.wsSubscriptionsPerSocket} subscriptions on one socket`, async () => {
    const socket = connect(stack, {});
    const result = await socket.outcome;
    if (!('connected' in result)) throw new Error(`closed: ${result.code}`);
    const query = 'subscription { commentDeleted(videoId: "2") }';
    for (let i = 0; i < limits.wsSubscriptionsPerSocket; i += 1) void refusal(result.client, query);
    const subject = videoComment.subject(stack.namespace, 2);
    await eventually(() =>
      expect(stack.realtime.watching(subject)).toEqual({
        live: true,
        subscribers: limits.wsSubscriptionsPerSocket,
      }),
    );
    expect(await withDeadline(refusal(result.client, query), 10_000, 'no answer')).toEqual([
      {
        message: `Subscription limit of ${limits.wsSubscriptionsPerSocket} per socket exceeded`,
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    await socket.dispose();
    await eventually(() => expect(stack.realtime.watching(subject)).toBeNull());
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
