import { chatMessage } from '@reel/contracts';
import { graphql, seeder, type SeededUser } from '@reel/testkit';
import { douyin, openSocket, type Stack, startStack, untilWatching, type Watch } from './harness';

const RECEIVED = `subscription ($peer: ID) {
  messageReceived(peerId: $peer) { id content from { id name avatar } to { id } }
}`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const users = () => seeder(stack.gatewayUrl);

/** Sends a message through compat-rest, as the Douyin app does. */
async function send(from: SeededUser, to: SeededUser, content: string) {
  const { body } = await douyin(stack.restUrl).post('/douyin/message/action/', {
    query: { token: from.token, to_user_id: to.user.id, action_type: '1', content },
  });
  expect(body).toMatchObject({ status_code: 0 });
}

/** A message as messageReceived delivers it (RECEIVED's selection). */
async function delivered(from: SeededUser, to: SeededUser, content: string) {
  const profile = await graphql<{ user: { avatar: string } }>(
    stack.gatewayUrl,
    'query ($id: ID!) { user(id: $id) { avatar } }',
    { id: from.user.id },
  );
  return {
    data: {
      messageReceived: {
        id: expect.stringMatching(/^\d+$/),
        content,
        from: { id: from.user.id, name: from.user.name, avatar: profile.data!.user.avatar },
        to: { id: to.user.id },
      },
    },
  };
}

/** The error a refused subscription ends with, as the socket client reports it. */
const refused = (code: string) => [
  { error: [expect.objectContaining({ extensions: expect.objectContaining({ code }) })] },
];

describe('live chat', () => {
  it("delivers the peer's messages sent through REST to the recipient, hydrated with the sender, and never to a third user or back to the sender", async () => {
    const [a, b, c] = [await users().user(), await users().user(), await users().user()];
    const [bSocket, cSocket, aSocket] = [
      await openSocket(stack.gatewayUrl, b.token),
      await openSocket(stack.gatewayUrl, c.token),
      await openSocket(stack.gatewayUrl, a.token),
    ];
    const toB = bSocket.subscribe(RECEIVED, { peer: a.user.id });
    // C names A too, but the subject is C's own conversation with A
    const toC = cSocket.subscribe(RECEIVED, { peer: a.user.id });
    const toA = aSocket.subscribe(RECEIVED, { peer: b.user.id });
    await untilWatching(
      stack.realtime,
      chatMessage.subject(stack.namespace, a.user.id, b.user.id),
      2,
    );
    await untilWatching(
      stack.realtime,
      chatMessage.subject(stack.namespace, a.user.id, c.user.id),
      1,
    );

    await send(a, b, 'hi B, from A');
    expect(await toB.until(1)).toEqual([await delivered(a, b, 'hi B, from A')]);
    await send(a, c, 'hi C, from A');
    expect(await toC.until(1)).toEqual([await delivered(a, c, 'hi C, from A')]);
    await send(b, a, 'hi A, from B');
    expect(await toA.until(1)).toEqual([await delivered(b, a, 'hi A, from B')]);

    // each conversation's events arrive in order: had the sender's own copies been delivered,
    // or A→B reached C, they would have come before these
    expect(toB.received).toHaveLength(1);
    expect(toC.received).toHaveLength(1);
    expect(toA.received).toHaveLength(1);
    await Promise.all([aSocket, bSocket, cSocket].map((socket) => socket.dispose()));
  });

  it("without peerId delivers every incoming message of the viewer's, from peers with smaller and larger ids, beside a subscription to one conversation", async () => {
    // seeded in order: ids grow, so B's conversations lie on both sides of the pair
    const [a, b, d] = [await users().user(), await users().user(), await users().user()];
    const socket = await openSocket(stack.gatewayUrl, b.token);
    const all = socket.subscribe(RECEIVED, {});
    const fromA = socket.subscribe(RECEIVED, { peer: a.user.id });
    for (const subject of chatMessage.subjectsOfUser(stack.namespace, b.user.id))
      await untilWatching(stack.realtime, subject, 1);
    await untilWatching(
      stack.realtime,
      chatMessage.subject(stack.namespace, a.user.id, b.user.id),
      1,
    );

    await send(b, a, 'sent by B: not echoed');
    await send(a, b, 'from A');
    const fromAMessage = await delivered(a, b, 'from A');
    expect(await all.until(1)).toEqual([fromAMessage]);
    // one event on `chat.<a>.<b>` and on the wildcard `chat.*.<b>`: each subscription gets it
    expect(await fromA.until(1)).toEqual([fromAMessage]);
    await send(d, b, 'from D');
    expect(await all.until(2)).toEqual([fromAMessage, await delivered(d, b, 'from D')]);
    expect(fromA.received).toHaveLength(1);
    await socket.dispose();
  });

  it('refuses an anonymous subscriber, and a conversation with oneself', async () => {
    const user = await users().user();
    const anonymous = await openSocket(stack.gatewayUrl);
    const watches: [Watch, string][] = [
      [anonymous.subscribe(RECEIVED, { peer: user.user.id }), 'UNAUTHENTICATED'],
      [anonymous.subscribe(RECEIVED, {}), 'UNAUTHENTICATED'],
    ];
    const signedIn = await openSocket(stack.gatewayUrl, user.token);
    watches.push(
      [signedIn.subscribe(RECEIVED, { peer: user.user.id }), 'BAD_USER_INPUT'],
      [signedIn.subscribe(RECEIVED, { peer: 'x1' }), 'BAD_USER_INPUT'],
    );
    for (const [watch, code] of watches) expect(await watch.until(1)).toEqual(refused(code));
    await Promise.all([anonymous.dispose(), signedIn.dispose()]);
  });

  it('delivers through a second gateway instance as well', async () => {
    const [a, b] = [await users().user(), await users().user()];
    const other = await stack.startGateway();
    const subject = chatMessage.subject(stack.namespace, a.user.id, b.user.id);
    const here = await openSocket(stack.gatewayUrl, b.token);
    const there = await openSocket(other.url, b.token);
    const watches = [here, there].map((socket) => socket.subscribe(RECEIVED, { peer: a.user.id }));
    await untilWatching(stack.realtime, subject, 1);
    await untilWatching(other.realtime, subject, 1);

    await send(a, b, 'to both of my tabs');
    const expected = await delivered(a, b, 'to both of my tabs');
    for (const watch of watches) expect(await watch.until(1)).toEqual([expected]);
    await Promise.all([here.dispose(), there.dispose()]);
  });
});
