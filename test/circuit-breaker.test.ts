import { subgraphBreaker } from '@reel/gateway/limits';
import {
  errorCodes,
  eventually,
  graphql,
  type SeededUser,
  seeder,
  TcpProxy,
  withDeadline,
} from '@reel/testkit';
import { captureLogs, type Stack, startStack } from './harness';

const FEED = '{ feed(first: 1) { edges { node { id } } } }';
const USER = 'query ($id: ID!) { user(id: $id) { id name } }';
const BREAKER_OPEN = /^The video service is failing; its requests are paused/;
// enough fetches to pass the breaker's volume threshold with every one failing
const FAILING_REQUESTS = subgraphBreaker.volumeThreshold * 2;
// a hung subgraph is given up after this per fetch here (production: fetchTimeoutMs, 10 s), and
// the breaker tries again this soon: numbers a test waits out
const BREAKER = { fetchTimeoutMs: 500, resetTimeoutMs: 2_000 };

describe('RELIABILITY row 18: a remote subgraph that stops answering: its circuit breaker', () => {
  let videoRelay: TcpProxy;
  let stack: Stack;
  let viewer: SeededUser;
  const logs = captureLogs();
  beforeAll(async () => {
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: 'remote', LOG_LEVEL: 'info' },
      {
        logDestination: logs,
        gateway: { subgraphBreakers: { video: BREAKER } },
        gatewaySubgraphUrl: async (name, url) => {
          if (name !== 'video') return url;
          const { hostname, port } = new URL(url);
          videoRelay = new TcpProxy(hostname, Number(port));
          await videoRelay.start();
          return `http://127.0.0.1:${videoRelay.port}`;
        },
      },
    );
    viewer = await seeder(stack.gatewayUrl).user();
  });
  // as a viewer: the gateway's page cache would answer an anonymous feed it has seen (an empty
  // page depends on nothing a subgraph outage changes), and every read here must reach video
  const readFeed = () => graphql(stack.gatewayUrl, FEED, {}, { token: viewer.token });
  afterAll(async () => {
    await stack?.close();
    await videoRelay?.stop();
  });

  it('fails its fields fast with UNAVAILABLE while other subgraphs answer, then recovers', async () => {
    expect(errorCodes(await readFeed())).toEqual([]);
    await videoRelay.stop();

    const failures = [];
    for (let i = 0; i < FAILING_REQUESTS; i += 1)
      failures.push(await withDeadline(readFeed(), 'a feed query'));
    expect(failures.map(errorCodes)).toEqual(
      Array.from({ length: FAILING_REQUESTS }, () => ['UNAVAILABLE']),
    );
    // the breaker opened: the last ones never tried the subgraph
    expect(failures.at(-1)).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: expect.stringMatching(BREAKER_OPEN),
          extensions: { code: 'UNAVAILABLE' },
        },
      ],
    });

    // the user subgraph's fields answer as before
    const user = await withDeadline(
      graphql(stack.gatewayUrl, USER, { id: viewer.user.id }),
      'a user query',
    );
    expect(user).toEqual({ status: 200, data: { user: viewer.user } });

    // compat-rest: a fast non-zero status_code, never a hang
    const rest = await withDeadline(
      fetch(new URL('/douyin/feed/', stack.restUrl)).then(
        (response) => response.json() as Promise<{ status_code: number; status_msg: string }>,
      ),
      'a REST feed',
    );
    expect(rest).toEqual({
      status_code: 503,
      status_msg: expect.any(String),
      next_time: 0,
      video_list: [],
    });

    // back: after resetTimeoutMs a trial fetch half-opens the breaker, and its answer closes it
    await videoRelay.start();
    await eventually(async () => expect(errorCodes(await readFeed())).toEqual([]), {
      timeoutMs: BREAKER.resetTimeoutMs * 4,
      intervalMs: 250,
    });
    const feed = await readFeed();
    expect(feed).toEqual({ status: 200, data: { feed: { edges: expect.any(Array) } } });
  });

  it('hung (no answer, no reset): its fields time out, then fail fast; user-only queries answer throughout; then half-open, closed, logged', async () => {
    expect(errorCodes(await readFeed())).toEqual([]);
    const logged = logs.lines.length;
    videoRelay.freeze();
    try {
      // at once: each waits out its fetch timeouts, and together they pass the volume threshold
      const hung = await Promise.all(
        Array.from({ length: FAILING_REQUESTS }, () => withDeadline(readFeed(), 'a feed query')),
      );
      expect(hung.map(errorCodes)).toEqual(
        Array.from({ length: FAILING_REQUESTS }, () => ['UNAVAILABLE']),
      );
      // open: the next ones are refused at once, without a fetch (nothing to time out)
      const fast = await withDeadline(readFeed(), 'a feed query');
      expect(fast).toEqual({
        status: 200,
        data: null,
        errors: [
          { message: expect.stringMatching(BREAKER_OPEN), extensions: { code: 'UNAVAILABLE' } },
        ],
      });
      const users = await Promise.all(
        Array.from({ length: 20 }, () =>
          withDeadline(graphql(stack.gatewayUrl, USER, { id: viewer.user.id }), 'a user query'),
        ),
      );
      expect(users).toEqual(
        Array.from({ length: 20 }, () => ({ status: 200, data: { user: viewer.user } })),
      );
    } finally {
      videoRelay.thaw();
    }

    await eventually(async () => expect(errorCodes(await readFeed())).toEqual([]), {
      timeoutMs: BREAKER.resetTimeoutMs * 4,
      intervalMs: 250,
    });
    const transitions = logs.lines
      .slice(logged)
      .filter((line) => line.subgraph === 'video' && /^subgraph circuit/.test(String(line.msg)))
      .map((line) => line.msg);
    expect(transitions).toEqual([
      'subgraph circuit open: failing fast',
      'subgraph circuit half-open: trying',
      'subgraph circuit closed: answering',
    ]);
  });
});
