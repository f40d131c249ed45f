import { startTracing, type Tracing } from '@reel/common';
import {
  ancestorsOf,
  eventually,
  type OtlpReceiver,
  type ReceivedSpan,
  seeder,
  startOtlpReceiver,
} from '@reel/testkit';
import { captureLogs, douyin, type Stack, startStack } from './harness';

// the tracer provider is per process, so the receiver and tracing serve both stacks of this file
let receiver: OtlpReceiver;
let tracing: Tracing;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = (await startTracing(
    { otlpEndpoint: receiver.url, sampleRatio: 1, metricsToken: null },
    'reel',
  ))!;
});
afterAll(async () => {
  await tracing.shutdown();
  await receiver.close();
});

const SUBGRAPHS = ['user', 'video', 'interaction', 'social'];
const serviceOf = (span: ReceivedSpan) => span.attributes['reel.service'];

describe.each(['remote', 'in-process'])('one REST request, subgraphs %s', (topology) => {
  const logs = captureLogs();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: topology, LOG_LEVEL: 'debug' },
      { logDestination: logs },
    );
  });
  afterAll(() => stack.close());

  it('is one trace from compat-rest through the gateway to the subgraphs and their SQL, and its log line carries the trace id', async () => {
    const { user, token } = await seeder(stack.gatewayUrl).user();
    const response = await douyin(stack.restUrl).get('/douyin/user/', {
      query: { user_id: user.id, token },
    });
    expect(response.body.status_code).toBe(0);
    const requestId = response.headers['x-request-id'];

    const requestLine = logs.lines.find(
      (line) => line.service === 'compat-rest' && line.requestId === requestId && line.trace_id,
    );
    expect(requestLine).toBeDefined();
    const traceId = String(requestLine!.trace_id);

    // spans end as answers are written: the last (compat-rest's) may close after the response
    const trace = await eventually(
      async () => {
        await tracing.flush();
        const spans = receiver.trace(traceId);
        const root = spans.find((span) => !span.parentSpanId);
        expect(root).toMatchObject({
          name: 'GET /douyin/user/',
          attributes: { 'reel.service': 'compat-rest' },
        });
        return spans;
      },
      { timeoutMs: 15_000 },
    );
    const root = trace.find((span) => !span.parentSpanId)!;
    // one tree: every span descends from compat-rest's server span
    for (const span of trace) if (span !== root) expect(ancestorsOf(span, trace)).toContain(root);

    const names = new Set(trace.map((span) => span.name));
    if (topology === 'remote') {
      const gatewaySpan = trace.find((span) => serviceOf(span) === 'gateway');
      expect(gatewaySpan).toMatchObject({ name: 'POST /graphql' });
    } else {
      // compat-rest runs its operation in the gateway's pipeline: no HTTP hop, no server span
      expect(names).not.toContain('POST /graphql');
    }
    for (const apolloSpan of ['gateway.request', 'gateway.plan', 'gateway.fetch'])
      expect(names).toContain(apolloSpan);

    const subgraphSpans = trace.filter((span) => SUBGRAPHS.includes(String(serviceOf(span))));
    const reached = new Set(subgraphSpans.map(serviceOf));
    // the douyin user: name (user), counts (social, interaction), work count (video)
    expect([...reached].sort()).toEqual(['interaction', 'social', 'user', 'video']);
    for (const span of subgraphSpans) {
      // each subgraph's part runs under one of the gateway's fetches
      expect(ancestorsOf(span, trace).map((a) => a.name)).toContain('gateway.fetch');
    }

    const sqlSpans = trace.filter((span) => span.attributes['db.system.name'] === 'mysql');
    const sqlBySubgraph = new Set(
      sqlSpans.map((span) =>
        ancestorsOf(span, trace)
          .map(serviceOf)
          .find((s) => SUBGRAPHS.includes(String(s))),
      ),
    );
    expect(sqlBySubgraph.size).toBeGreaterThanOrEqual(2);
    expect(sqlBySubgraph.has(undefined)).toBe(false);
    // the statement's text, placeholders and all, never its values
    expect(sqlSpans.map((span) => span.attributes['db.query.text'])).toContainEqual(
      expect.stringMatching(/^select .* where .*\?/i),
    );
  });
});
