import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { connect, type NatsConnection } from 'nats';
import { withDeadline } from '@reel/common';
import { videoComment } from '@reel/contracts';
import { type CostBudget, operationLimits as limits } from '@reel/gateway/limits';
import { eventually, graphql, seeder } from '@reel/testkit';
import {
  connectSocket,
  douyin,
  openSocket,
  seedVideo,
  type Stack,
  startStack,
  untilWatching,
} from './harness';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
// small enough to spend in a test, long enough that a loaded machine spends it inside one window
const BUDGET: CostBudget = { points: 10, windowSeconds: 10 };
const ANSWER_DEADLINE_MS = 10_000;

const DELETED = 'subscription ($video: ID!) { commentDeleted(videoId: $video) }';
// per event: the comment (1) and its author (1)
const ADDED = `subscription ($video: ID!) { commentAdded(videoId: $video) { id author { name } } }`;
const ADDED_COST = 2;

let instant = 0;
const nextInstant = () => new Date(Date.UTC(2007, 0, 1) + instant++);

/** The errors a subscribe is refused with, or 'completed' / the first result when it runs. */
function firstAnswer(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return withDeadline(
    new Promise<unknown>((resolve) =>
      client.subscribe(
        { query, variables },
        { next: resolve, error: resolve, complete: () => resolve('completed') },
      ),
    ),
    ANSWER_DEADLINE_MS,
    `no answer to ${query}`,
  );
}

/** Everything a subscription receives (errors as `{ error }`), and when it completes. */
function watchAll(client: Client, query: string, variables: Record<string, unknown>) {
  const received: unknown[] = [];
  const completed = new Promise<void>((resolve) =>
    client.subscribe(
      { query, variables },
      {
        next: (value) => received.push(value),
        error: (error) => received.push({ error }),
        complete: resolve,
      },
    ),
  );
  return { received, completed };
}

describe('subscriptions under the operation limits, per subscribe and per event (issue 10)', () => {
  let stack: Stack;
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: 'in-process' },
      { gateway: { realtimeEventCost: BUDGET } },
    );
  });
  afterAll(async () => {
    await stack?.close();
    await nc?.close();
  });

  const anonymousClient = async () => {
    const socket = connectSocket(stack.gatewayUrl, {});
    const outcome = await socket.outcome;
    if (!('connected' in outcome)) throw new Error(`closed: ${outcome.code}`);
    return { client: outcome.client, dispose: socket.dispose };
  };

  it('refuses a subscribe over any limit with the code HTTP gives the same selection, before anything is subscribed', async () => {
    const { client, dispose } = await anonymousClient();
    const aliases = Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: id`).join(' ');
    const directives = Array.from(
      { length: limits.maxDirectives + 1 },
      (_, i) => `d${i}: id @include(if: true)`,
    ).join(' ');
    const deep = ['video', 'author', 'videos(first: 1)', 'edges', 'node', 'author', 'videos'];
    const depth = `${deep.map((level) => `${level} {`).join(' ')} edges { node { id } } ${'} '.repeat(deep.length)}`;
    const costly = `video { comments(first: 100) { edges { node { author {
      followers(first: 100) { edges { node { id } } } } } } } }`;
    const selections = {
      tokens: `${'id '.repeat(limits.maxTokens)}`,
      aliases,
      directives,
      depth,
      cost: costly,
    };
    const before = stack.realtime.stats();
    for (const [limit, selection] of Object.entries(selections)) {
      const overHttp = await graphql(stack.gatewayUrl, `{ comment(id: "1") { ${selection} } }`);
      const overSocket = await firstAnswer(
        client,
        `subscription { commentAdded(videoId: "1") { ${selection} } }`,
      );
      expect({ limit, status: overHttp.status }).toEqual({ limit, status: 400 });
      // the socket says "per event": a subscription's cost is what each of its events costs
      const expected = overHttp.errors!.map(({ message, extensions }) => ({
        message:
          limit === 'cost'
            ? expect.stringMatching(/^Query cost limit of \d+ exceeded, estimated \d+ per event$/)
            : message,
        extensions,
      }));
      expect({ limit, errors: overSocket }).toEqual({ limit, errors: expected });
    }
    expect(stack.realtime.stats().subscribers).toBe(before.subscribers);
    expect(stack.realtime.watching(videoComment.subject(stack.namespace, 1))).toBeNull();
    await dispose();
  });

  it(`charges each event's cost to its socket: past ${BUDGET.points} a window, RATE_LIMITED with a retry-after, the subscription completes and new subscribes wait for the next window`, async () => {
    const video = '90001';
    const subject = videoComment.subject(stack.namespace, video);
    const { client, dispose } = await anonymousClient();
    const { received, completed } = watchAll(client, DELETED, { video });
    await untilWatching(stack.realtime, subject, 1);
    const before = stack.realtime.stats();

    // scalar events cost 1 each (nothing to look up, still a message)
    for (let i = 1; i <= BUDGET.points + 2; i += 1)
      nc.publish(subject, JSON.stringify({ kind: 'deleted', id: String(i), videoId: video }));
    await nc.flush();
    await withDeadline(completed, ANSWER_DEADLINE_MS, 'the throttled subscription never completed');

    expect(received).toEqual([
      ...Array.from({ length: BUDGET.points }, (_, i) => ({
        data: { commentDeleted: String(i + 1) },
      })),
      {
        errors: [
          {
            message: expect.stringMatching(
              new RegExp(
                `^Event cost limit of ${BUDGET.points} per ${BUDGET.windowSeconds} s reached on this socket; try again in \\d+ s$`,
              ),
            ),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      },
    ]);
    const retryAfter = (
      received.at(-1) as { errors: { extensions: { retryAfterSeconds: number } }[] }
    ).errors[0]!.extensions.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(BUDGET.windowSeconds);
    const after = stack.realtime.stats();
    expect(after.deliveredCost - before.deliveredCost).toBe(BUDGET.points);
    expect(after.throttledSubscriptions - before.throttledSubscriptions).toBe(1);
    await eventually(() => expect(stack.realtime.watching(subject)).toBeNull());

    // the socket's budget is spent: a new subscribe is refused, whatever it watches
    expect(await firstAnswer(client, DELETED, { video: '90002' })).toEqual([
      {
        message: expect.stringMatching(
          /^This socket's events reached their cost limit; try again in \d+ s$/,
        ),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      },
    ]);
    // another socket has a budget of its own
    const other = await openSocket(stack.gatewayUrl);
    const watch = other.subscribe(DELETED, { video });
    await untilWatching(stack.realtime, subject, 1);
    nc.publish(subject, JSON.stringify({ kind: 'deleted', id: '100', videoId: video }));
    expect(await watch.until(1)).toEqual([{ data: { commentDeleted: '100' } }]);
    await other.dispose();

    // and once the window has passed, the first socket subscribes and receives again
    await sleep(retryAfter * 1000);
    const again = watchAll(client, DELETED, { video });
    await untilWatching(stack.realtime, subject, 1);
    nc.publish(subject, JSON.stringify({ kind: 'deleted', id: '101', videoId: video }));
    await eventually(() => expect(again.received).toEqual([{ data: { commentDeleted: '101' } }]));
    await dispose();
  });

  it('charges a hydrated event what its selection costs, and counts the lookup once for subscribers who share it', async () => {
    const [author, commenter] = [
      await seeder(stack.gatewayUrl).user(),
      await seeder(stack.gatewayUrl).user(),
    ];
    const video = await seedVideo(stack, author.user.id, 'costed', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    const sockets = [await openSocket(stack.gatewayUrl), await openSocket(stack.gatewayUrl)];
    const watches = sockets.map((socket) => socket.subscribe(ADDED, { video }));
    await untilWatching(stack.realtime, subject, 2);
    const before = stack.realtime.stats();

    const { body } = await douyin(stack.restUrl).post('/douyin/comment/action/', {
      query: { token: commenter.token, video_id: video, action_type: '1', comment_text: 'priced' },
    });
    expect(body).toMatchObject({ status_code: 0 });
    const id = String((body.comment as { id: number }).id);
    for (const watch of watches)
      expect(await watch.until(1)).toEqual([
        { data: { commentAdded: { id, author: { name: commenter.user.name } } } },
      ]);

    const after = stack.realtime.stats();
    expect({
      delivered: after.deliveredCost - before.deliveredCost,
      hydrated: after.hydrationCost - before.hydrationCost,
      lookups: after.hydrations - before.hydrations,
    }).toEqual({ delivered: 2 * ADDED_COST, hydrated: ADDED_COST, lookups: 1 });
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });
});
