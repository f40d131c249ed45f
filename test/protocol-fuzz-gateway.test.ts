import { readFileSync } from 'node:fs';
import { errorTable, isErrorCode, subgraphManifest } from '@reel/common';
import { apiSchemaOf, supergraphFile } from '@reel/schema';
import { graphql, seeder } from '@reel/testkit';
import { captureLogs, type Stack, startStack } from './harness';
import { fuzz, fuzzSettings } from './harness/fuzz';
import { type GraphqlFuzzRequest, graphqlRequests } from './harness/fuzz-graphql';

const settings = fuzzSettings();

describe('RELIABILITY row 26 (fuzz): generated GraphQL requests get coded answers, never a 5xx', () => {
  const logs = captureLogs();
  let stack: Stack;
  let ids: string[];
  let tokens: string[];
  beforeAll(async () => {
    stack = await startStack(
      // the fuzz is one client sending thousands of requests: the per-address limit is not its subject
      { LOG_LEVEL: 'warn', RATE_LIMIT_IP_PER_MINUTE: '1000000' },
      { logDestination: logs },
    );
    // a small world for the ids the documents use: two users, a video, a comment, a message
    const seed = seeder(stack.gatewayUrl);
    const [author, viewer] = [await seed.user(), await seed.user()];
    const video = await seed.video(author.token);
    const comment = await graphql<{ addComment: { id: string } }>(
      stack.gatewayUrl,
      'mutation ($v: ID!) { addComment(videoId: $v, content: "first") { id } }',
      { v: video.id },
      { token: viewer.token },
    );
    const message = await graphql<{ sendMessage: { id: string } }>(
      stack.gatewayUrl,
      'mutation ($to: ID!) { sendMessage(toUserId: $to, content: "hi") { id } }',
      { to: author.user.id },
      { token: viewer.token },
    );
    ids = [
      author.user.id,
      viewer.user.id,
      video.id,
      comment.data!.addComment.id,
      message.data!.sendMessage.id,
      '1',
      '2',
    ];
    tokens = [author.token, viewer.token];
  }, 120_000);
  afterAll(() => stack.close());

  it(`${settings.runs} requests from the supergraph's API schema (seed ${settings.seed})`, async () => {
    const schema = apiSchemaOf(readFileSync(supergraphFile, 'utf8'));
    const outcomes = new Map<string, number>();
    const started = Date.now();
    const cases = await fuzz(
      'gateway',
      graphqlRequests({ schema, ids, tokens }),
      async (request) => {
        const { problem, outcome } = await answerOf(stack.gatewayUrl, request);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        return problem;
      },
      settings,
    );
    process.stdout.write(
      `gateway fuzz, seed ${settings.seed}: ${cases} requests in ${Date.now() - started} ms; ` +
        `${[...outcomes].map(([outcome, count]) => `${outcome} ×${count}`).join(', ')}\n`,
    );
    expect(cases).toBeGreaterThanOrEqual(settings.runs);
    // the generator reaches both sides: documents that run and documents that are refused
    const count = (pattern: RegExp) =>
      [...outcomes].filter(([outcome]) => pattern.test(outcome)).reduce((n, [, c]) => n + c, 0);
    expect(count(/^HTTP 200 data$/)).toBeGreaterThan(cases * 0.05);
    expect(count(/GRAPHQL_VALIDATION_FAILED/)).toBeGreaterThan(cases * 0.05);
    expect(count(/GRAPHQL_PARSE_FAILED/)).toBeGreaterThan(cases * 0.01);

    // every process still serves, and nothing was logged as a server error
    for (const url of [
      stack.gatewayUrl,
      stack.restUrl,
      ...subgraphManifest.map(({ name }) => stack.subgraphs[name].url),
    ]) {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    }
    expect(
      logs.errors().map(({ service, msg, err }) => ({ service, msg, err: err?.message })),
    ).toEqual([]);
  }, 600_000);
});

/**
 * What is wrong with the gateway's answer to `request`, if anything, and a label of the answer
 * (status, then each error's code and reason) for the run's tally.
 */
async function answerOf(
  gatewayUrl: string,
  request: GraphqlFuzzRequest,
): Promise<{ problem?: string; outcome: string }> {
  const response = await fetch(
    `${gatewayUrl}/graphql${request.search ? `?${request.search}` : ''}`,
    {
      method: request.method,
      headers: request.headers,
      body: request.body,
    },
  );
  const text = await response.text();
  const answer = `HTTP ${response.status} ${text.slice(0, 400)}`;
  const outcome = `HTTP ${response.status}`;
  const fail = (why: string) => ({ problem: `${why}: ${answer}`, outcome });
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status >= 500) return fail('a 5xx');
  // outside production a browser's GET (text/html first) gets Apollo's Sandbox page
  const browser = request.method === 'GET' && request.headers.accept?.startsWith('text/html');
  if (browser && response.status === 200 && contentType.startsWith('text/html'))
    return { outcome: `${outcome} landing page` };
  if (!/^application\/(graphql-response\+)?json/.test(contentType))
    return fail(`content-type ${contentType}, not JSON`);
  let body: { data?: unknown; errors?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return fail('a body that is not JSON');
  }
  if (body === null || typeof body !== 'object') return fail('a body that is no object');
  if (body.errors === undefined) {
    if (response.status !== 200 || !('data' in body)) return fail('no errors and no data');
    return { outcome: `${outcome} data` };
  }
  if (!Array.isArray(body.errors) || body.errors.length === 0)
    return fail('errors that are not a non-empty list');
  const codes: string[] = [];
  for (const error of body.errors as {
    message?: unknown;
    extensions?: Record<string, unknown>;
  }[]) {
    const code = error.extensions?.code;
    if (!isErrorCode(code)) return fail(`an error whose code ${String(code)} is not in the table`);
    if (errorTable[code].httpStatus >= 500) return fail(`a server failure (${code})`);
    if (typeof error.message !== 'string' || error.message.trim() === '')
      return fail('an error without a message');
    if (/\n\s+at /.test(error.message) || 'stacktrace' in (error.extensions ?? {}))
      return fail('a stack trace');
    const reason = error.extensions?.reason;
    codes.push(typeof reason === 'string' ? `${code}/${reason}` : code);
  }
  return { outcome: `${outcome} ${[...new Set(codes)].sort().join(' ')}` };
}
