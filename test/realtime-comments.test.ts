import { SignJWT } from 'jose';
import { connect, type NatsConnection } from 'nats';
import WebSocket from 'ws';
import { withDeadline } from '@reel/common';
import { videoComment } from '@reel/contracts';
import { limits } from '@reel/gateway/limits';
import { eventually, seeder, type SeededUser } from '@reel/testkit';
import {
  connectSocket,
  douyin,
  LIVE_EVENT_WAIT_MS,
  openSocket,
  seedVideo,
  type Stack,
  startStack,
  untilWatching,
} from './harness';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const ADDED = `subscription Live($video: ID!) {
  added: commentAdded(videoId: $video) { ...Body author { name } }
}
fragment Body on Comment { id content video { id } }`;
const DELETED = `subscription ($video: ID!) { commentDeleted(videoId: $video) }`;

let stack: Stack;
let instant = 0;
// this file's videos at instants of their own, far in the past
const nextInstant = () => new Date(Date.UTC(2006, 0, 1) + instant++);

let nc: NatsConnection;

// each describe starts a stack of its own into `stack`, which the helpers below use
beforeAll(async () => {
  nc = await connect({ servers: natsUrl });
});
afterAll(() => nc.close());

const rest = () => douyin(stack.restUrl);
const users = () => seeder(stack.gatewayUrl);

async function addComment(user: SeededUser, videoId: string, text: string): Promise<string> {
  const { body } = await rest().post('/douyin/comment/action/', {
    query: { token: user.token, video_id: videoId, action_type: '1', comment_text: text },
  });
  expect(body).toMatchObject({ status_code: 0 });
  return String((body.comment as { id: number }).id);
}

async function deleteComment(user: SeededUser, videoId: string, commentId: string) {
  const { body } = await rest().post('/douyin/comment/action/', {
    query: { token: user.token, video_id: videoId, action_type: '2', comment_id: commentId },
  });
  expect(body).toMatchObject({ status_code: 0 });
}

describe.each(['remote', 'in-process'])('live comments, subgraphs %s', (topology) => {
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  it('delivers a comment added through REST, hydrated with its author, then its deletion, to an anonymous socket', async () => {
    const [author, commenter] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'live', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    const socket = await openSocket(stack.gatewayUrl);
    const added = socket.subscribe(ADDED, { video });
    const deleted = socket.subscribe(DELETED, { video });
    await untilWatching(stack.realtime, subject, 2);

    const id = await addComment(commenter, video, 'first live comment');
    expect(await added.until(1)).toEqual([
      {
        data: {
          added: {
            id,
            content: 'first live comment',
            video: { id: video },
            author: { name: commenter.user.name },
          },
        },
      },
    ]);
    await deleteComment(commenter, video, id);
    expect(await deleted.until(1)).toEqual([{ data: { commentDeleted: id } }]);
    // the deletion went to commentDeleted only, and the addition to commentAdded only
    expect(added.received).toHaveLength(1);
    expect(deleted.received).toHaveLength(1);

    await socket.dispose();
    // the last subscriber gone, the gateway leaves the subject
    await eventually(() => expect(stack.realtime.watching(subject)).toBeNull());
  });

  it('delivers through every gateway instance: each subscribes for its own sockets', async () => {
    const [author, commenter] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'two gateways', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    const other = await stack.startGateway();
    const here = await openSocket(stack.gatewayUrl);
    const there = await openSocket(other.url, commenter.token);
    const watches = [here.subscribe(ADDED, { video }), there.subscribe(ADDED, { video })];
    await untilWatching(stack.realtime, subject, 1);
    await untilWatching(other.realtime, subject, 1);

    const id = await addComment(commenter, video, 'seen everywhere');
    const expected = {
      data: {
        added: {
          id,
          content: 'seen everywhere',
          video: { id: video },
          author: { name: commenter.user.name },
        },
      },
    };
    for (const watch of watches) expect(await watch.until(1)).toEqual([expected]);
    await Promise.all([here.dispose(), there.dispose()]);
  });

  it('skips an event whose comment is gone by the time it is looked up', async () => {
    const [author, commenter] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'gone', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    const socket = await openSocket(stack.gatewayUrl);
    const added = socket.subscribe(ADDED, { video });
    await untilWatching(stack.realtime, subject, 1);
    const before = stack.realtime.stats().hydrations;

    // as a relay publishes it, for a comment deleted before the edge looked it up
    nc.publish(subject, JSON.stringify({ kind: 'added', id: '999999999999', videoId: video }));
    await nc.flush();
    const kept = await addComment(commenter, video, 'kept');
    // events reach a socket in order: the gone one was looked up, found missing, and skipped
    expect(await added.until(1)).toEqual([
      {
        data: {
          added: {
            id: kept,
            content: 'kept',
            video: { id: video },
            author: { name: commenter.user.name },
          },
        },
      },
    ]);
    expect(stack.realtime.stats().hydrations - before).toBe(2);
    await socket.dispose();
  });

  it("looks an event up once for every socket asking the same, and per viewer where the answer is the viewer's", async () => {
    const [author, fan, ...others] = await Promise.all(
      Array.from({ length: 5 }, () => users().user()),
    );
    const video = await seedVideo(stack, author!.user.id, 'shared', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    const { body: liked } = await rest().post('/douyin/favorite/action/', {
      query: { token: fan!.token, video_id: video, action_type: '1' },
    });
    expect(liked).toMatchObject({ status_code: 0 });
    const personal = `subscription ($video: ID!) { commentAdded(videoId: $video) { id video { isFavorite } } }`;

    const sockets = await Promise.all([
      ...others.map((user) => openSocket(stack.gatewayUrl, user.token)),
      openSocket(stack.gatewayUrl, fan!.token),
      openSocket(stack.gatewayUrl),
    ]);
    const shared = sockets
      .slice(0, others.length)
      .map((socket) => socket.subscribe(ADDED, { video }));
    const [fans, anonymous] = sockets
      .slice(others.length)
      .map((socket) => socket.subscribe(personal, { video }));
    await untilWatching(stack.realtime, subject, sockets.length);
    const before = stack.realtime.stats().hydrations;

    const ids = [await addComment(author!, video, 'one'), await addComment(author!, video, 'two')];
    const expectedShared = ids.map((id, i) => ({
      data: {
        added: {
          id,
          content: ['one', 'two'][i],
          video: { id: video },
          author: { name: author!.user.name },
        },
      },
    }));
    for (const watch of shared) expect(await watch.until(2)).toEqual(expectedShared);
    const personally = (isFavorite: boolean) =>
      ids.map((id) => ({ data: { commentAdded: { id, video: { isFavorite } } } }));
    expect(await fans!.until(2)).toEqual(personally(true));
    expect(await anonymous!.until(2)).toEqual(personally(false));
    // per event: one lookup for the three shared sockets, one for each personal one
    expect(stack.realtime.stats().hydrations - before).toBe(ids.length * 3);
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });

  it('refuses a forged or expired token with 4403', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer(stack.config.auth.issuer)
      .setAudience(stack.config.auth.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(stack.config.auth.secret));
    for (const token of ['not.a.jwt', expired]) {
      const socket = connectSocket(stack.gatewayUrl, { authorization: `Bearer ${token}` });
      await expect(socket.outcome).resolves.toEqual({ code: 4403, reason: 'Forbidden' });
      await socket.dispose();
    }
  });
});

describe('a socket that stops reading', () => {
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /** A graphql-ws exchange by hand, so the test can stop reading the socket. */
  async function rawSubscriber(query: string, variables: Record<string, unknown>) {
    const ws = new WebSocket(
      `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const acked = new Promise<void>((resolve, reject) => {
      ws.once('message', (data) =>
        JSON.parse(String(data)).type === 'connection_ack'
          ? resolve()
          : reject(new Error(String(data))),
      );
    });
    await withDeadline(
      new Promise((resolve) => ws.once('open', resolve)),
      LIVE_EVENT_WAIT_MS,
      'no open',
    );
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await withDeadline(acked, LIVE_EVENT_WAIT_MS, 'no connection_ack');
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    return { ws, closed };
  }

  it('is dropped with 1013 once its queue is full, its queue never past the limit, while a reading socket gets every event', async () => {
    const [author, commenter] = [await users().user(), await users().user()];
    const video = await seedVideo(stack, author.user.id, 'busy', nextInstant());
    const subject = videoComment.subject(stack.namespace, video);
    // a fat event (29 copies of 2,000 bytes) fills the paused socket's TCP buffers in a few dozen
    const id = await addComment(commenter, video, '\u{1d11e}'.repeat(500));
    const fat = `subscription ($video: ID!) { commentAdded(videoId: $video) { id ${Array.from(
      { length: 29 },
      (_, i) => `c${i}: content`,
    ).join(' ')} } }`;
    const slow = await rawSubscriber(fat, { video });
    const reader = await openSocket(stack.gatewayUrl);
    // alive but not reading: graphql-ws cuts a socket that misses a pong, and a paused client
    // reads no ping; an unsolicited pong is allowed (RFC 6455 5.5.3) and answers it all the same
    const heartbeat = setInterval(() => slow.ws.pong(), 1_000);
    try {
      const read = reader.subscribe(fat, { video });
      await untilWatching(stack.realtime, subject, 2);
      const before = stack.realtime.stats();
      slow.ws.pause();

      // the comment's event again and again, as a relay publishes it; in batches below the
      // queue limit, each read by the reading socket before the next, so only the paused one
      // falls behind
      const batch = limits.realtimeQueueEvents / 2;
      let published = 0;
      while (stack.realtime.stats().droppedSockets === before.droppedSockets) {
        if (stack.realtime.watching(subject)?.subscribers !== 2)
          throw new Error(`the paused socket went away undropped after ${published} events`);
        if (published >= 5_000) throw new Error(`not dropped after ${published} events`);
        for (let i = 0; i < batch; i += 1)
          nc.publish(subject, JSON.stringify({ kind: 'added', id, videoId: video }));
        published += batch;
        await read.until(published);
      }
      const after = stack.realtime.stats();
      expect(after.droppedSockets).toBe(before.droppedSockets + 1);
      expect(after.maxQueueLength).toBe(limits.realtimeQueueEvents);
      // both sockets asked the same of the same event: one lookup served both
      expect(after.hydrations - before.hydrations).toBe(published);
      expect(stack.realtime.watching(subject)).toEqual({ live: true, subscribers: 1 });

      slow.ws.resume();
      expect(
        await withDeadline(slow.closed, LIVE_EVENT_WAIT_MS, 'the slow socket stayed open'),
      ).toEqual({
        code: 1013,
        reason: 'Too slow: events were dropped',
      });
    } finally {
      clearInterval(heartbeat);
      slow.ws.terminate(); // a paused socket would otherwise outlive the test
      await reader.dispose();
    }
  });
});
