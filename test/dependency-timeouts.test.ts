import { dependencyLimits } from '@reel/common';
import {
  errorCodes,
  graphql,
  type GraphQLResponse,
  runEnv,
  seeder,
  type SeededUser,
  TcpProxy,
} from '@reel/testkit';
import { type Stack, startStack } from './harness';

// A hang detector, not a latency assertion: several times the longest budget a request can
// spend on MySQL (a connection, then a statement). Before timeouts, a frozen server held every
// request for as long as it stayed frozen, which here is until the request is answered.
const HANG_MS =
  4 * (dependencyLimits.mysql.acquireTimeoutMs + dependencyLimits.mysql.queryTimeoutMs);

async function answeredBeforeHang<T>(request: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung for ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function relayTo(url: string, defaultPort: number): TcpProxy {
  const { hostname, port } = new URL(url);
  return new TcpProxy(hostname, Number(port || defaultPort));
}

const FEED = '{ feed(first: 5) { edges { node { id } } } }';
const USER = 'query ($id: ID!) { user(id: $id) { id name } }';
const LOGIN =
  'mutation ($name: String!, $password: String!) { login(username: $name, password: $password) { token } }';

// the whole answer to one root field failing UNAVAILABLE in a subgraph
const unavailable = (
  field: string,
  serviceName: string,
  message: RegExp,
  data: Record<string, null> | null = null,
): Partial<GraphQLResponse> => ({
  data,
  errors: [
    {
      message: expect.stringMatching(message),
      path: [field],
      extensions: { code: 'UNAVAILABLE', serviceName },
    },
  ],
});

describe.each(['remote', 'in-process'])('a frozen MariaDB or Redis, subgraphs %s', (topology) => {
  const mysqlRelay = relayTo(runEnv().mysqlUrl, 3306);
  const redisRelay = relayTo(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379);
  let stack: Stack;
  let viewer: SeededUser;

  beforeAll(async () => {
    await Promise.all([mysqlRelay.start(), redisRelay.start()]);
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: topology },
      { mysqlPort: mysqlRelay.port, redisPort: redisRelay.port },
    );
    viewer = await seeder(stack.gatewayUrl).user();
  });
  afterEach(() => {
    mysqlRelay.thaw();
    redisRelay.thaw();
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([mysqlRelay.stop(), redisRelay.stop()]);
  });

  describe('MariaDB frozen', () => {
    beforeEach(() => mysqlRelay.freeze());

    it('the feed answers UNAVAILABLE from the statement timeout, not a hang', async () => {
      const response = await answeredBeforeHang(graphql(stack.gatewayUrl, FEED), 'the feed');
      expect(response).toEqual({
        status: 200,
        ...unavailable('feed', 'video', /^The database did not answer in time$/),
      });
    });

    it('a user query answers UNAVAILABLE', async () => {
      const response = await answeredBeforeHang(
        graphql(stack.gatewayUrl, USER, { id: viewer.user.id }),
        'the user query',
      );
      expect(response).toEqual({
        status: 200,
        ...unavailable('user', 'user', /^The database did not answer in time$/, { user: null }),
      });
    });

    it('the REST shim answers status_code 503', async () => {
      const response = await answeredBeforeHang(
        fetch(`${stack.restUrl}/douyin/feed/`).then((r) => r.json()),
        'the REST feed',
      );
      expect(response).toMatchObject({ status_code: 503, status_msg: expect.any(String) });
    });

    it("the gateway stays ready: its subgraphs' MySQL checks fail in the body only", async () => {
      const response = await answeredBeforeHang(
        fetch(`${stack.gatewayUrl}/readyz`),
        'gateway readiness',
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        service: 'gateway',
        checks: { supergraph: 'ok', subgraphs: 'ok' },
        // every subgraph's MySQL check fails (whatever subgraphs the manifest lists); Redis answers
        subgraphs: expect.objectContaining({
          'user.mysql': expect.not.stringMatching(/^ok$/),
          'user.redis': 'ok',
          'video.mysql': expect.not.stringMatching(/^ok$/),
        }),
      });
    });

    it('answers again as soon as MariaDB does', async () => {
      await answeredBeforeHang(graphql(stack.gatewayUrl, FEED), 'the feed');
      mysqlRelay.thaw();
      const response = await graphql(stack.gatewayUrl, USER, { id: viewer.user.id });
      expect(response).toEqual({ status: 200, data: { user: viewer.user } });
    });
  });

  describe('Redis frozen', () => {
    beforeEach(() => redisRelay.freeze());

    it('login answers UNAVAILABLE from the command timeout, not a hang', async () => {
      const response = await answeredBeforeHang(
        graphql(stack.gatewayUrl, LOGIN, { name: viewer.user.name, password: viewer.password }),
        'login',
      );
      expect(response).toEqual({
        status: 200,
        ...unavailable('login', 'user', /^A backing service did not answer in time/),
      });
    });

    it('what needs no Redis goes on answering', async () => {
      const response = await graphql(stack.gatewayUrl, USER, { id: viewer.user.id });
      expect(errorCodes(response)).toEqual([]);
      expect(response.data).toEqual({ user: viewer.user });
    });

    it('the gateway stays ready; the user Redis check fails in the body only', async () => {
      const response = await answeredBeforeHang(
        fetch(`${stack.gatewayUrl}/readyz`),
        'gateway readiness',
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        service: 'gateway',
        checks: { supergraph: 'ok', subgraphs: 'ok' },
        // only the user subgraph's Redis check fails
        subgraphs: expect.objectContaining({
          'user.redis': expect.not.stringMatching(/^ok$/),
          'video.mysql': 'ok',
        }),
      });
    });
  });
});
