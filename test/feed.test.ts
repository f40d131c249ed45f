import { getTableName } from 'drizzle-orm';
import {
  cacheKeys,
  createLogger,
  cursorBefore,
  listen,
  type RunningServer,
  type ServiceApp,
} from '@reel/common';
import { createRestApp } from '@reel/compat-rest';
import { createGatewayApp } from '@reel/gateway';
import { subgraph as userSubgraph } from '@reel/user-subgraph';
import { users } from '@reel/user-subgraph/db/schema';
import { videoOutbox, videos } from '@reel/video-subgraph/db/schema';
import { eventually, graphql, seeder, TcpProxy, uniqueName } from '@reel/testkit';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { type Stack, startStack, subgraphChecksOk } from './harness';

interface FeedVideo {
  id: string;
  createdAtMs: number;
}
interface FeedPage {
  feed: {
    edges: { cursor: string; node: FeedVideo }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const FEED = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
  edges { cursor node { id createdAtMs } } pageInfo { hasNextPage endCursor } } }`;

const nodesOf = (page: FeedPage) => page.feed.edges.map((edge) => edge.node);

describe.each(['remote', 'in-process'])('the feed, subgraphs %s', (topology) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  it('pages newest first across several pages without repeating or skipping, even for simultaneous publishes', async () => {
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    const publish = (title: string) => seed.video(author.token, { title });
    const published: FeedVideo[] = [];
    for (let i = 0; i < 4; i += 1) published.push(await publish(`sequential ${i}`));
    // published in the same instant: each still gets a millisecond of its own
    published.push(
      ...(await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => publish(`simultaneous ${i}`)))),
    );
    expect(new Set(published.map((video) => video.createdAtMs)).size).toBe(12);

    const mine = new Set(published.map((video) => video.id));
    const newestFirst = [...published]
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .map((video) => video.id);
    const seen: FeedVideo[] = [];
    let after: string | null = null;
    let pages = 0;
    while (seen.filter((video) => mine.has(video.id)).length < mine.size) {
      const page: FeedPage = (await graphql<FeedPage>(stack.gatewayUrl, FEED, { first: 3, after }))
        .data!;
      const { edges, pageInfo } = page.feed;
      expect(edges.length).toBeGreaterThan(0);
      expect(pageInfo.endCursor).toBe(edges.at(-1)!.cursor);
      seen.push(...nodesOf(page));
      after = pageInfo.endCursor;
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((video) => video.id)).size).toBe(seen.length);
    expect(seen.map((video) => video.createdAtMs)).toEqual(
      [...seen.map((video) => video.createdAtMs)].sort((a, b) => b - a),
    );
    expect(seen.filter((video) => mine.has(video.id)).map((video) => video.id)).toEqual(
      newestFirst,
    );
  });

  it('starts the page after an instant strictly before it, and ends past the oldest video', async () => {
    // what compat-rest sends for latest_time: a cursor made for an instant
    const pageBefore = async (ms: number, first: number) =>
      (await graphql<FeedPage>(stack.gatewayUrl, FEED, { first, after: cursorBefore(ms) })).data!;
    const [newest] = nodesOf((await graphql<FeedPage>(stack.gatewayUrl, FEED, { first: 1 })).data!);
    expect(nodesOf(await pageBefore(newest!.createdAtMs + 1, 1))).toEqual([newest]);
    const older = nodesOf(await pageBefore(newest!.createdAtMs, 1));
    expect(older[0]!.createdAtMs).toBeLessThan(newest!.createdAtMs);

    expect(await pageBefore(1, 30)).toEqual({
      feed: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it("stays ready through one subgraph's outage, and reports it the same way wherever it runs", async () => {
    const subgraphs = subgraphChecksOk(stack);
    const gatewayReady = {
      status: 'ready',
      service: 'gateway',
      checks: { supergraph: 'ok', subgraphs: 'ok' },
      subgraphs,
    };
    expect(await readiness(stack.gatewayUrl)).toEqual({ status: 200, body: gatewayReady });

    const outage = await withUserOutage(stack, topology);
    try {
      const restReady = { status: 'ready', service: 'compat-rest', checks: { gateway: 'ok' } };
      expect(await readiness(outage.gatewayUrl)).toEqual({ status: 200, body: gatewayReady });
      expect(await readiness(outage.restUrl)).toEqual({ status: 200, body: restReady });

      // every gateway sees the same subgraphs: failing here would empty the load balancer, so the
      // outage is reported, not acted on (ARCHITECTURE: a gateway's readiness is about itself)
      await outage.relay.stop();
      const report = (await readiness(outage.gatewayUrl)) as {
        status: number;
        body: { subgraphs: Record<string, string> };
      };
      expect(report.status).toBe(200);
      const failing = Object.entries(report.body.subgraphs).filter(([, state]) => state !== 'ok');
      expect(failing.map(([check]) => check.split('.')[0])).toEqual(
        topology === 'remote' ? ['user'] : ['user'],
      );
      expect(await readiness(outage.restUrl)).toEqual({ status: 200, body: restReady });

      await outage.relay.start();
      await eventually(async () =>
        expect(await readiness(outage.gatewayUrl)).toEqual({ status: 200, body: gatewayReady }),
      );
    } finally {
      await outage.close();
    }
  });

  it.each([0, 31, -1])('refuses a page size of %i', async (first) => {
    const response = await graphql(stack.gatewayUrl, FEED, { first });
    expect(response.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 30',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a cursor it never gave', async () => {
    const response = await graphql(stack.gatewayUrl, FEED, { after: 'bm90IGEgY3Vyc29y' });
    expect(response.errors?.[0]).toMatchObject({
      message: 'after is not a cursor from this API',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('costs a constant number of SQL queries per subgraph, whatever the page size', async () => {
    // 30 authors with a video each, before anything the other tests here publish (now), so the
    // page after cursorBefore(base + 30) is exactly these rows
    const { db: userDb } = stack.subgraphs.user.mysql;
    const { db: videoDb } = stack.subgraphs.video.mysql;
    const base = Date.UTC(2001, 0, 1);
    const authorKeys: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const [user] = await userDb
        .insert(users)
        .values({ username: uniqueName('sql'), passwordHash: 'x', createdAt: new Date() });
      authorKeys.push(cacheKeys.user(user.insertId));
      await videoDb
        .insert(videos)
        .values(fakeVideoRow(user.insertId, `budget ${i}`, new Date(base + i)));
    }
    const query = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
      edges { node { id title playUrl coverUrl createdAtMs author {
        id name avatar backgroundImage signature workCount videos(first: 3) { edges { node { id } } }
      } } }
      pageInfo { hasNextPage endCursor } } }`;
    interface BudgetPage {
      feed: { edges: { node: { author: { workCount: number; videos: { edges: unknown[] } } } }[] };
    }
    // the outbox relay polls through the same pool every second; its statements are no request's
    stack.subgraphs.video.mysql.queries.ignore = new RegExp(`\\b${getTableName(videoOutbox)}\\b`);
    const sqlFor = async (first: number) => {
      // cold: the authors' rows not from the user subgraph's per-process cache
      await stack.bumpCacheVersions(authorKeys);
      stack.subgraphs.user.mysql.queries.count = 0;
      stack.subgraphs.video.mysql.queries.count = 0;
      const response = await graphql<BudgetPage>(stack.gatewayUrl, query, {
        first,
        after: cursorBefore(base + 30),
      });
      expect(response.errors).toBeUndefined();
      const authors = response.data!.feed.edges.map((edge) => edge.node.author);
      expect(authors).toHaveLength(first);
      expect(authors.every((author) => author.workCount === 1)).toBe(true);
      expect(authors.every((author) => author.videos.edges.length === 1)).toBe(true);
      return {
        user: stack.subgraphs.user.mysql.queries.count,
        video: stack.subgraphs.video.mysql.queries.count,
      };
    };
    const thirty = await sqlFor(30);
    // users IN (…); the videos page, work counts IN (…) and every author's videos in one UNION ALL
    expect(thirty).toEqual({ user: 1, video: 3 });
    expect(await sqlFor(5)).toEqual(thirty);
  });
});

async function readiness(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: await response.json() };
}

/**
 * A gateway and a compat-rest of their own, beside the stack's, whose user subgraph can be taken
 * down and brought back through `relay`: remote, the relay carries the subgraph's HTTP; in-process,
 * it carries the MySQL connection of a user subgraph app built for it.
 */
async function withUserOutage(stack: Stack, topology: string) {
  const log = createLogger(stack.config, 'outage');
  const servers: RunningServer[] = [];
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const server of servers.reverse()) await server.close();
    for (const closeApp of closers.reverse()) await closeApp();
  };
  const serve = async (name: string, app: ServiceApp) => {
    closers.push(app.close);
    const server = await listen(app.app, {
      name,
      port: 0,
      host: '127.0.0.1',
      log,
      attach: app.attach,
    });
    servers.push(server);
    return server.url;
  };
  const target = new URL(
    topology === 'remote' ? stack.config.subgraphs.user.url : stack.config.mysql.url,
  );
  const relay = new TcpProxy(target.hostname, Number(target.port || 3306));
  await relay.start();
  closers.push(() => relay.stop());
  try {
    target.host = `127.0.0.1:${relay.port}`;
    const relayed = target.toString().replace(/\/$/, '');
    let gateway: ServiceApp;
    if (topology === 'remote') {
      const { subgraphs } = stack.config;
      const config = {
        ...stack.config,
        subgraphs: { ...subgraphs, user: { ...subgraphs.user, url: relayed } },
      };
      gateway = await createGatewayApp(config, log);
    } else {
      const user = await userSubgraph.create({ ...stack.config, mysql: { url: relayed } }, log);
      closers.push(user.close);
      gateway = await createGatewayApp(stack.config, log, { ...stack.subgraphs, user });
    }
    const gatewayUrl = await serve('gateway', gateway);
    const rest = createRestApp(
      { ...stack.config, gateway: { ...stack.config.gateway, url: gatewayUrl } },
      log,
    );
    const restUrl = await serve('compat-rest', rest);
    return { relay, gatewayUrl, restUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
