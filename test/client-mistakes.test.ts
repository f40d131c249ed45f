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

    // The supergraph has no Float argument since the feed became a connection; the literal rule
    // (operation-limits.ts, unit-tested) guards the next one. The once-fatal query itself:
    it('the old `feed(latestTime: 1e309)`', async () => {
      const query = '{ feed(latestTime: 1e309) { __typename } }';
      expect(await post(stack, JSON.stringify({ query }))).toEqual({
        status: 400,
        body: {
          errors: [
            expect.objectContaining({
              extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
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
      expect(
        await post(
          stack,
          JSON.stringify({ query: 'subscription { commentDeleted(videoId: "1") }' }),
        ),
      ).toEqual({
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

    it('a subscription whose root field is included by a variable', async () => {
      const query =
        'subscription ($on: Boolean!) { commentDeleted(videoId: "1") @include(if: $on) }';
      expect(await post(stack, JSON.stringify({ query, variables: { on: true } }))).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message: "A subscription's root field cannot be included or skipped by a variable",
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      });
    });
  },
);
