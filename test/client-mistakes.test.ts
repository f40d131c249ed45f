import { captureLogs, ERROR_LEVEL, type Stack, startStack } from './harness';

async function post(stack: Stack, body: string) {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe.each(['remote', 'in-process'])(
  "a client's mistakes are coded 400s and never logged as errors, subgraphs %s",
  (topology) => {
    let stack: Stack;
    const logs = captureLogs();
    beforeAll(async () => {
      stack = await startStack(
        { GATEWAY_SUBGRAPHS: topology, LOG_LEVEL: 'warn' },
        { logDestination: logs },
      );
    });
    afterAll(() => stack.close());
    let logged = 0;
    beforeEach(() => {
      logged = logs.lines.length;
    });
    afterEach(() => {
      // each literal and operation case once answered 500 and logged the planner's stack
      expect(logs.lines.slice(logged).filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
    });

    it.each([
      // JSON can hold 1e309 too; as a literal it was Infinity and failed in query planning
      ['a Float literal too large for a double', '{ feed(latestTime: 1e309) { __typename } }'],
      [
        'a long integer literal for a Float',
        `{ feed(latestTime: 1${'0'.repeat(320)}) { __typename } }`,
      ],
    ])('%s', async (_case, query) => {
      expect(await post(stack, JSON.stringify({ query }))).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message: expect.stringMatching(/^Float cannot represent the non-finite value 1/),
              locations: [{ line: 1, column: 20 }],
              extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
            },
          ],
        },
      });
    });

    it('the same value as a variable', async () => {
      const body =
        '{"query":"query ($t: Float) { feed(latestTime: $t) { __typename } }","variables":{"t":1e309}}';
      expect(await post(stack, body)).toEqual({
        status: 400,
        body: {
          errors: [
            expect.objectContaining({
              message: expect.stringMatching(/^Variable "\$t" got invalid value Infinity/),
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ],
        },
      });
    });

    it.each([
      [
        'an unknown operation name',
        { query: 'query A { __typename }', operationName: 'B' },
        'Unknown operation named "B"',
      ],
      [
        'no operation name for a document of several',
        { query: 'query A { __typename } query B { __typename }' },
        'Must provide operation name if query contains multiple operations',
      ],
    ])('%s', async (_case, request, message) => {
      expect(await post(stack, JSON.stringify(request))).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message,
              extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' },
            },
          ],
        },
      });
    });

    it('a subscription over HTTP', async () => {
      expect(await post(stack, JSON.stringify({ query: 'subscription { __typename }' }))).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message:
                'Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      });
    });
  },
);
