import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'schema-hiding-test-secret-0123456789abcdef',
  SUBGRAPH_SECRET: 'schema-hiding-subgraph-secret-0123456789abcdef',
  GATEWAY_SUBGRAPHS: 'in-process',
};

/** The errors the realtime edge answers a subscribe message with. */
async function subscribeErrors(stack: Stack, query: string): Promise<unknown> {
  const client = createClient({
    url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: (value) => reject(new Error(`unexpected data: ${JSON.stringify(value)}`)),
          error: resolve,
          complete: () => reject(new Error('completed without an error')),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe.each([
  ['production', production, false],
  ['development', { GATEWAY_SUBGRAPHS: 'in-process' }, true],
])('RELIABILITY row 5: schema details in client errors, NODE_ENV %s', (_env, env, suggests) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(env);
  });
  afterAll(() => stack?.close());

  it(`${suggests ? 'suggests' : 'does not suggest'} field names for a typo over HTTP`, async () => {
    const response = await graphql(stack.gatewayUrl, '{ vidoe(id: "1") { id } }');
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: suggests
          ? expect.stringMatching(
              /^Cannot query field "vidoe" on type "Query"\. Did you mean "video"/,
            )
          : 'Cannot query field "vidoe" on type "Query".',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it(`${suggests ? 'suggests' : 'does not suggest'} them over WebSocket either`, async () => {
    const errors = await subscribeErrors(
      stack,
      'subscription { commentAdde(videoId: "1") { id } }',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        message: suggests
          ? expect.stringMatching(
              /^Cannot query field "commentAdde" on type "Subscription"\. Did you mean/,
            )
          : 'Cannot query field "commentAdde" on type "Subscription".',
      }),
    ]);
  });

  it(`${suggests ? 'answers' : 'refuses'} introspection`, async () => {
    const response = await graphql(stack.gatewayUrl, '{ __schema { types { name } } }');
    if (suggests) expect(response.errors).toBeUndefined();
    else {
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/introspection is not allowed/i),
        }),
      ]);
    }
  });
});
