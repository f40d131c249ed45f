import { dependencyLimits } from '@reel/common';
import { actionRateLimits, rateLimitSettings } from '@reel/gateway/limits';
import { errorCodes, graphql, type SeededUser, seeder, TcpProxy } from '@reel/testkit';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureLogs, type Stack, startStack } from './harness';

const IP_PER_MINUTE = 40; // RATE_LIMIT_IP_PER_MINUTE for this stack only: a limit a test can reach
// a bound on a request while Redis is frozen: what the limits allow it to wait, plus slack for a
// loaded machine; a hang on the frozen store would exceed it many times over
const FROZEN_BOUND_MS =
  rateLimitSettings.storeBudgetMs + dependencyLimits.redis.commandTimeoutMs + 3_000;

const LIKE = 'mutation ($v: ID!) { likeVideo(videoId: $v) { id isFavorite } }';
const COMMENT = 'mutation ($v: ID!, $c: String!) { addComment(videoId: $v, content: $c) { id } }';
// the like limit of this file's stacks: a window a test can wait out (production: 120 a minute)
const LIKES = { points: 5, durationSeconds: 8 };
const REGISTER =
  'mutation ($u: String!, $p: String!) { register(username: $u, password: $p) { user { id } } }';
const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { user { id } } }';

// documentation addresses (RFC 5737): each test owns the ones it uses
const from = (address: string, token?: string) => ({
  token,
  headers: { 'x-forwarded-for': address },
});

async function boundedBy<T>(request: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} hung for ${FROZEN_BOUND_MS} ms`)),
      FROZEN_BOUND_MS,
    );
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function restGet(stack: Stack, path: string, address: string) {
  const response = await fetch(new URL(path, stack.restUrl), {
    headers: { 'x-forwarded-for': address },
  });
  return (await response.json()) as { status_code: number; status_msg: string };
}

describe.each(['remote', 'in-process'])(
  'RELIABILITY row 17: rate limits, subgraphs %s',
  (topology) => {
    const { hostname, port } = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const redisRelay = new TcpProxy(hostname, Number(port || 6379));
    let stack: Stack;
    let videoId: string;
    let author: SeededUser;
    let liker: SeededUser;
    const logs = captureLogs();
    beforeAll(async () => {
      await redisRelay.start();
      stack = await startStack(
        {
          GATEWAY_SUBGRAPHS: topology,
          RATE_LIMIT_IP_PER_MINUTE: String(IP_PER_MINUTE),
          LOG_LEVEL: 'warn',
        },
        {
          redisPort: redisRelay.port,
          logDestination: logs,
          gateway: { actionRateLimits: { like: LIKES } },
        },
      );
      author = await seeder(stack.gatewayUrl).user();
      videoId = (await seeder(stack.gatewayUrl).video(author.token)).id;
      liker = await seeder(stack.gatewayUrl).user();
    });
    afterAll(async () => {
      redisRelay.thaw();
      await stack?.close();
      await redisRelay.stop();
    });

    it('refuses comments past the per-user limit with a retry-after; another user is unaffected', async () => {
      const { points, durationSeconds } = actionRateLimits.comment;
      const commenter = await seeder(stack.gatewayUrl).user();
      const other = await seeder(stack.gatewayUrl).user();
      const codes = [];
      // spread over addresses, so the per-address limit stays out of the way
      for (let i = 0; i <= points; i += 1)
        codes.push(
          errorCodes(
            await graphql(
              stack.gatewayUrl,
              COMMENT,
              { v: videoId, c: `comment ${i}` },
              from(`192.0.2.${i + 1}`, commenter.token),
            ),
          ),
        );
      expect(codes).toEqual([...Array.from({ length: points }, () => []), ['RATE_LIMITED']]);

      const refused = await graphql(
        stack.gatewayUrl,
        COMMENT,
        { v: videoId, c: 'one more' },
        from('192.0.2.100', commenter.token),
      );
      expect(refused).toEqual({
        status: 429,
        errors: [
          {
            message: expect.stringMatching(/^Too many comment actions; try again in \d+ s$/),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });
      const retryAfter = refused.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(durationSeconds);

      const unaffected = await graphql(
        stack.gatewayUrl,
        COMMENT,
        { v: videoId, c: 'mine' },
        from('192.0.2.101', other.token),
      );
      expect(errorCodes(unaffected)).toEqual([]);
    });

    it(`lets ${LIKES.points} likes of a window through, refuses the next with a retry-after, and likes again after the window`, async () => {
      const fan = await seeder(stack.gatewayUrl).user();
      // all at once: Redis counts them atomically, whatever order they arrive in
      const answers = await Promise.all(
        Array.from({ length: LIKES.points + 1 }, (_, i) =>
          graphql(stack.gatewayUrl, LIKE, { v: videoId }, from(`198.51.100.${i + 1}`, fan.token)),
        ),
      );
      const liked = { status: 200, data: { likeVideo: { id: videoId, isFavorite: true } } };
      const refused = answers.filter((answer) => answer.status !== 200);
      expect(answers.filter((answer) => answer.status === 200)).toEqual(
        Array.from({ length: LIKES.points }, () => liked),
      );
      expect(refused).toEqual([
        {
          status: 429,
          errors: [
            {
              message: expect.stringMatching(/^Too many like actions; try again in \d+ s$/),
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
            },
          ],
        },
      ]);
      const retryAfter = refused[0]!.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LIKES.durationSeconds);

      await sleep(retryAfter * 1000);
      expect(
        await graphql(stack.gatewayUrl, LIKE, { v: videoId }, from('198.51.100.50', fan.token)),
      ).toEqual(liked);
    });

    it('limits requests per client address at the gateway', async () => {
      const codes = [];
      for (let i = 0; i <= IP_PER_MINUTE; i += 1)
        codes.push(
          errorCodes(await graphql(stack.gatewayUrl, '{ __typename }', {}, from('203.0.113.50'))),
        );
      expect(codes).toEqual([...Array.from({ length: IP_PER_MINUTE }, () => []), ['RATE_LIMITED']]);
      const refused = await graphql(stack.gatewayUrl, '{ __typename }', {}, from('203.0.113.50'));
      expect(refused).toEqual({
        status: 429,
        errors: [
          {
            message: expect.stringMatching(
              /^Too many requests from this address; try again in \d+ s$/,
            ),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });
      // another address is counted apart
      const neighbour = await graphql(stack.gatewayUrl, '{ __typename }', {}, from('203.0.113.51'));
      expect(neighbour).toEqual({ status: 200, data: { __typename: 'Query' } });
    });

    it('limits requests per client address at compat-rest, with a readable status_msg', async () => {
      const answers = [];
      // an unknown path answers without the gateway: only compat-rest's own limit counts it
      for (let i = 0; i <= IP_PER_MINUTE; i += 1)
        answers.push(
          (await restGet(stack, '/douyin/no-such-endpoint/', '203.0.113.60')).status_code,
        );
      expect(answers).toEqual([...Array.from({ length: IP_PER_MINUTE }, () => 404), 429]);
      const refused = await restGet(stack, '/douyin/feed/', '203.0.113.60');
      expect(refused).toEqual({
        status_code: 429,
        status_msg: expect.stringMatching(/^Too many requests, try again in \d+ s$/),
      });
      const neighbour = await restGet(stack, '/douyin/feed/', '203.0.113.61');
      expect(neighbour.status_code).toBe(0);
    });

    describe('Redis frozen', () => {
      beforeAll(() => redisRelay.freeze());
      afterAll(() => redisRelay.thaw());

      it('a like still works: the limits fail open', async () => {
        const response = await boundedBy(
          graphql(stack.gatewayUrl, LIKE, { v: videoId }, from('192.0.2.200', liker.token)),
          'a like',
        );
        expect(response).toEqual({
          status: 200,
          data: { likeVideo: { id: videoId, isFavorite: true } },
        });
      });

      it('login fails closed, fast: UNAVAILABLE rather than unlimited guessing', async () => {
        const response = await boundedBy(
          graphql(
            stack.gatewayUrl,
            LOGIN,
            { u: author.user.name, p: author.password },
            from('192.0.2.201'),
          ),
          'login',
        );
        expect(response.data).toBeNull();
        expect(errorCodes(response)).toEqual([
          expect.stringMatching(/^(UNAVAILABLE|RATE_LIMITED)$/),
        ]);
      });

      it('register fails closed too: UNAVAILABLE, and no account', async () => {
        const name = `frozen${Date.now() % 1_000_000}`;
        const response = await boundedBy(
          graphql(stack.gatewayUrl, REGISTER, { u: name, p: 'secret-pass' }, from('192.0.2.202')),
          'register',
        );
        expect({ data: response.data, codes: errorCodes(response) }).toEqual({
          data: null,
          codes: ['UNAVAILABLE'],
        });
      });

      it('the gateway said it let the like through unlimited (fail open), within its store budget', () => {
        expect(rateLimitSettings.storeBudgetMs).toBeLessThan(
          dependencyLimits.redis.commandTimeoutMs,
        );
        expect(
          logs.lines.filter(
            (line) =>
              line.msg === 'rate limit store unavailable: requests pass unlimited (fail open)' &&
              line.limiter === 'action-like',
          ),
        ).not.toEqual([]);
      });
    });

    describe('Redis refusing connections', () => {
      beforeAll(() => redisRelay.stop());
      afterAll(() => redisRelay.start());

      it('a like still works: the limits fail open', async () => {
        const response = await boundedBy(
          graphql(stack.gatewayUrl, LIKE, { v: videoId }, from('192.0.2.210', liker.token)),
          'a like',
        );
        expect(response).toEqual({
          status: 200,
          data: { likeVideo: { id: videoId, isFavorite: true } },
        });
      });

      it('login and register fail closed, fast', async () => {
        const login = await boundedBy(
          graphql(
            stack.gatewayUrl,
            LOGIN,
            { u: author.user.name, p: author.password },
            from('192.0.2.211'),
          ),
          'login',
        );
        const register = await boundedBy(
          graphql(
            stack.gatewayUrl,
            REGISTER,
            { u: `closed${Date.now() % 1_000_000}`, p: 'secret-pass' },
            from('192.0.2.212'),
          ),
          'register',
        );
        expect([login, register].map((answer) => [answer.data, errorCodes(answer)])).toEqual([
          [null, ['UNAVAILABLE']],
          [null, ['UNAVAILABLE']],
        ]);
      });
    });
  },
);
