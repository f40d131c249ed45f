import { errorTable, subgraphManifest } from '@reel/common';
import { douyinEndpoints } from '@reel/compat-rest/endpoints/index';
import { graphql, seeder } from '@reel/testkit';
import { captureLogs, type Stack, startStack } from './harness';
import { fuzz, fuzzSettings } from './harness/fuzz';
import { type DouyinFuzzRequest, douyinRequests } from './harness/fuzz-douyin';

const settings = fuzzSettings({ runs: 1_000 });

// what a failing answer's status_code may be: a client error of the table, never a server one
const clientStatusCodes = new Set<number>(
  Object.values(errorTable)
    .map(({ httpStatus }) => httpStatus)
    .filter((status) => status < 500),
);

describe('RELIABILITY row 26 (fuzz): random /douyin requests get JSON answers, never a 5xx', () => {
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
    const seed = seeder(stack.gatewayUrl);
    const [author, viewer] = [await seed.user(), await seed.user()];
    const video = await seed.video(author.token);
    const comment = await graphql<{ addComment: { id: string } }>(
      stack.gatewayUrl,
      'mutation ($v: ID!) { addComment(videoId: $v, content: "first") { id } }',
      { v: video.id },
      { token: viewer.token },
    );
    ids = [author.user.id, viewer.user.id, video.id, comment.data!.addComment.id, '1'];
    tokens = [author.token, viewer.token];
  }, 120_000);
  afterAll(() => stack.close());

  it(`${settings.runs} requests on the endpoints and beside them (seed ${settings.seed})`, async () => {
    const outcomes = new Map<string, number>();
    const started = Date.now();
    const cases = await fuzz(
      'compat-rest',
      douyinRequests({ endpoints: douyinEndpoints, ids, tokens }),
      async (request) => {
        const { problem, outcome } = await answerOf(stack.restUrl, request);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        return problem;
      },
      settings,
    );
    process.stdout.write(
      `compat-rest fuzz, seed ${settings.seed}: ${cases} requests in ${Date.now() - started} ms; ` +
        `${[...outcomes].map(([outcome, count]) => `${outcome} ×${count}`).join(', ')}\n`,
    );
    expect(cases).toBeGreaterThanOrEqual(settings.runs);
    // both sides are reached: calls that succeed and calls that fail
    expect(outcomes.get('status_code 0') ?? 0).toBeGreaterThan(cases * 0.05);
    expect(outcomes.get('status_code 400') ?? 0).toBeGreaterThan(cases * 0.05);

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
 * What is wrong with compat-rest's answer to `request`, if anything, and a label of the answer
 * for the run's tally. Every answer is JSON; a /douyin answer is HTTP 200 with status_code 0 or
 * a client error's status and a readable status_msg. Only a request the HTTP parser refuses
 * (its answer a coded 4xx of the service's own) is not a /douyin answer.
 */
async function answerOf(
  restUrl: string,
  request: DouyinFuzzRequest,
): Promise<{ problem?: string; outcome: string }> {
  const response = await fetch(`${restUrl}${request.target}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  const answer = `HTTP ${response.status} ${text.slice(0, 400)}`;
  const fail = (why: string) => ({
    problem: `${why}: ${answer}`,
    outcome: `HTTP ${response.status}`,
  });
  if (response.status >= 500) return fail('a 5xx');
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json'))
    return fail('not JSON');
  let body: { status_code?: unknown; status_msg?: unknown; errors?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return fail('a body that is not JSON');
  }
  if (response.status !== 200) {
    return Array.isArray(body.errors) && body.errors.length > 0
      ? { outcome: `HTTP ${response.status}` }
      : fail('a refusal without a coded error');
  }
  const { status_code: code, status_msg: message } = body;
  if (typeof code !== 'number' || typeof message !== 'string')
    return fail('no status_code and status_msg');
  const outcome = `status_code ${code}`;
  if (code === 0) {
    return request.mustFail ? fail('success for an unknown path or a wrong method') : { outcome };
  }
  if (!clientStatusCodes.has(code)) return fail(`status_code ${code} is no client error`);
  if (message.trim() === '' || message === 'success' || /\n\s+at /.test(message))
    return fail('an unreadable status_msg');
  return { outcome };
}
