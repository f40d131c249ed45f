import { maxHeaderSize } from 'node:http';
import { seeder } from '@reel/testkit';
import { captureLogs, ERROR_LEVEL, type Stack, startStack } from './harness';

// Requests the protocol fuzz (protocol-fuzz-gateway.test.ts) once answered with a 5xx, an
// INTERNAL error or a body that was no JSON, each as it reached the gateway.
describe('RELIABILITY row 26 (fuzz findings): each once-failing request is a coded 4xx', () => {
  const logs = captureLogs();
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ LOG_LEVEL: 'warn' }, { logDestination: logs });
    ({ token } = await seeder(stack.gatewayUrl).user());
  });
  afterAll(() => stack.close());
  let logged = 0;
  beforeEach(() => {
    logged = logs.lines.length;
  });
  afterEach(() => {
    expect(logs.lines.slice(logged).filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('a subscription whose root @skip has no if (graphql threw: a 500)', async () => {
    expect(await post({ query: 'subscription { messageReceived @skip { id } }' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: "@include and @skip on a subscription's root field take if: true or if: false",
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('the same mistake by GET, which carries its query in the URL (a 500)', async () => {
    const query = 'subscription ($on: Boolean!) { commentDeleted(videoId: "1") @include(if: $on) }';
    const search = new URLSearchParams({ query, variables: '{"on":true}' });
    const response = await fetch(`${stack.gatewayUrl}/graphql?${search}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
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

  it.each([
    [
      'a hash that does not match the query',
      { version: 1, sha256Hash: 'ab'.repeat(32) },
      'provided sha does not match query',
    ],
    [
      'a version other than 1',
      { version: 2, sha256Hash: 'ab' },
      'Unsupported persisted query version',
    ],
  ])('a persisted query with %s (INTERNAL)', async (_case, persistedQuery, message) => {
    expect(await post({ query: '{ viewer { id } }', extensions: { persistedQuery } })).toEqual({
      status: 400,
      body: {
        errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } }],
      },
    });
  });

  it('a file written as a literal in JSON (the video subgraph refused it: INTERNAL)', async () => {
    const query = 'mutation { publishVideo(title: "x", file: "") { id } }';
    expect(await post({ query }, { authorization: `Bearer ${token}` })).toEqual({
      status: 400,
      body: {
        errors: [
          expect.objectContaining({
            message: 'A file cannot be written in the document: send it as a multipart upload',
            extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ],
      },
    });
  });

  it('a file variable that is a string in JSON (INTERNAL)', async () => {
    const query = 'mutation ($f: Upload!) { publishVideo(title: "x", file: $f) { id } }';
    expect(
      await post({ query, variables: { f: 'abc' } }, { authorization: `Bearer ${token}` }),
    ).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Variable "$f" must be a file: send it as a multipart upload',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it("introspection in a conditional fragment (Apollo's query planner failed: a 500)", async () => {
    const query =
      'query ($v: Boolean!) { ...F @include(if: $v) } fragment F on Query { __type(name: "User") { name } }';
    expect(await post({ query, variables: { v: true } })).toEqual({
      status: 400,
      body: {
        errors: [
          expect.objectContaining({
            message:
              '__type cannot sit in a fragment under @include or @skip: put the directive on the field',
            extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ],
      },
    });
  });

  it('a GET whose URL is past the header limit (a bare 431, no body)', async () => {
    const search = new URLSearchParams({ query: `{ ${'__typename '.repeat(maxHeaderSize / 10)}}` });
    const response = await fetch(`${stack.gatewayUrl}/graphql?${search}`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 431,
      body: {
        errors: [
          {
            message: `The request line and headers are larger than ${maxHeaderSize} bytes`,
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      },
    });
  });
});
