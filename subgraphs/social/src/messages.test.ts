import { asc, eq, or } from 'drizzle-orm';
import { chatMessage } from '@reel/contracts';
import { BLOCKED_MESSAGE } from '@reel/moderation';
import { messages, socialOutbox } from './db/schema';
import { conversationOf } from './db/queries';
import { limits } from './limits';
import { type SocialUnderTest, startSocial } from './test-app';

const SEND = `mutation ($to: ID!, $content: String!) { sendMessage(toUserId: $to, content: $content) {
  id content from { id } to { id } createdAt createdAtMs } }`;
const MESSAGE = `query ($id: ID!) { message(id: $id) { id content from { id } to { id } } }`;
const CONVERSATION = `query ($peer: ID!, $first: Int, $after: String, $since: Float) {
  conversation(peerId: $peer, first: $first, after: $after, createdAfterMs: $since) {
    edges { cursor node { id content createdAtMs from { id } } } pageInfo { hasNextPage endCursor } } }`;

interface SentMessage {
  id: string;
  content: string;
  from: { id: string };
  to: { id: string };
  createdAt: string;
  createdAtMs: number;
}
interface ConversationPage {
  edges: { cursor: string; node: { id: string; content: string; createdAtMs: number } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('direct messages: who may send and read them, and in what order', () => {
  let subject: SocialUnderTest;
  beforeAll(async () => {
    subject = await startSocial('so_messages');
  });
  afterAll(() => subject.close());

  const send = (from: number | null, to: number, content: string) =>
    subject.run<{ sendMessage: SentMessage }>(from, SEND, { to: String(to), content });
  const sent = async (from: number, to: number, content: string) => {
    const result = await send(from, to, content);
    expect(result.errors).toBeUndefined();
    return result.data!.sendMessage;
  };
  const page = async (
    viewer: number,
    peer: number,
    variables: { first?: number; after?: string | null; since?: number } = {},
  ) => {
    const result = await subject.run<{ conversation: ConversationPage }>(viewer, CONVERSATION, {
      peer: String(peer),
      ...variables,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.conversation;
  };
  const rowsBetween = (a: number, b: number) => {
    const { userLowId, userHighId } = conversationOf(a, b);
    return subject.db
      .select()
      .from(messages)
      .where(eq(messages.userLowId, userLowId))
      .then((rows) => rows.filter((row) => row.userHighId === userHighId));
  };

  it('sends a trimmed message, answers it whole, and writes its chat event in the same transaction', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const message = await sent(alice, bob, '  hello, bob  ');
    expect(message).toEqual({
      id: expect.stringMatching(/^\d+$/),
      content: 'hello, bob',
      from: { id: String(alice) },
      to: { id: String(bob) },
      createdAt: new Date(message.createdAtMs).toISOString(),
      createdAtMs: expect.any(Number),
    });
    const events = await subject.db
      .select({ subject: socialOutbox.subject, payload: socialOutbox.payload })
      .from(socialOutbox)
      .where(eq(socialOutbox.subject, chatMessage.subject(subject.config.namespace, alice, bob)));
    expect(events.map((event) => ({ ...event, payload: JSON.parse(event.payload) }))).toEqual([
      {
        subject: `${subject.config.namespace}.chat.${Math.min(alice, bob)}.${Math.max(alice, bob)}`,
        payload: { id: message.id, fromUserId: String(alice), toUserId: String(bob) },
      },
    ]);
  });

  it('shows a message to its sender and its recipient only', async () => {
    const [alice, bob, eve] = [await subject.user(), await subject.user(), await subject.user()];
    const message = await sent(alice, bob, 'for bob');
    const expected = {
      message: {
        id: message.id,
        content: 'for bob',
        from: { id: String(alice) },
        to: { id: String(bob) },
      },
    };
    expect((await subject.run(alice, MESSAGE, { id: message.id })).data).toEqual(expected);
    expect((await subject.run(bob, MESSAGE, { id: message.id })).data).toEqual(expected);
    // a third party cannot tell someone else's message from none
    expect((await subject.run(eve, MESSAGE, { id: message.id })).data).toEqual({ message: null });
    expect((await subject.run(eve, MESSAGE, { id: '999999' })).data).toEqual({ message: null });
    expect((await subject.run(null, MESSAGE, { id: message.id })).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    // reached as an entity (the realtime edge's hydration, a gateway plan), the same rule holds
    const ENTITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Message { content } } }`;
    const reps = [{ __typename: 'Message', id: message.id }];
    expect((await subject.run(bob, ENTITY, { reps })).data).toEqual({
      _entities: [{ content: 'for bob' }],
    });
    expect((await subject.run(eve, ENTITY, { reps })).data).toEqual({ _entities: [null] });
    expect((await subject.run(null, ENTITY, { reps })).data).toEqual({ _entities: [null] });
  });

  it.each([
    ['empty after trimming', ' \n\t ', 'A message must not be empty', 'content'],
    [
      `over ${limits.messageMaxChars} characters`,
      '字'.repeat(limits.messageMaxChars + 1),
      `A message must be at most ${limits.messageMaxChars} characters`,
      'content',
    ],
  ])(
    'refuses a message %s as BAD_USER_INPUT, writing nothing',
    async (_case, content, message, field) => {
      const [alice, bob] = [await subject.user(), await subject.user()];
      expect((await send(alice, bob, content)).errors).toEqual([
        expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field } }),
      ]);
      expect(await rowsBetween(alice, bob)).toEqual([]);
    },
  );

  it(`accepts exactly ${limits.messageMaxChars} characters, counted as characters`, async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const content = '😀'.repeat(limits.messageMaxChars);
    expect((await sent(alice, bob, content)).content).toBe(content);
  });

  it('stores masked words as one * per character, ignoring case and width, in the answer and the row', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const message = await sent(alice, bob, ' 你这个笨蛋，ＩＤＩＯＴ 😀 ');
    expect(message.content).toBe('你这个**，***** 😀');
    const [row] = await subject.db
      .select({ content: messages.content })
      .from(messages)
      .where(eq(messages.id, Number(message.id)));
    expect(row).toEqual({ content: '你这个**，***** 😀' });
  });

  it('refuses a message holding a blocked word as BAD_USER_INPUT naming no word, writing nothing', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    expect((await send(alice, bob, '想要资源加我微信')).errors).toEqual([
      expect.objectContaining({
        message: BLOCKED_MESSAGE,
        extensions: { code: 'BAD_USER_INPUT', field: 'content' },
      }),
    ]);
    expect(await rowsBetween(alice, bob)).toEqual([]);
    const events = await subject.db
      .select()
      .from(socialOutbox)
      .where(eq(socialOutbox.subject, chatMessage.subject(subject.config.namespace, alice, bob)));
    expect(events).toEqual([]);
  });

  it('refuses a message to oneself, anonymous ones and unverifiable recipients, writing nothing', async () => {
    const alice = await subject.user();
    expect((await send(alice, alice, 'me')).errors).toEqual([
      expect.objectContaining({
        message: 'You cannot send a message to yourself',
        extensions: { code: 'BAD_USER_INPUT', field: 'toUserId' },
      }),
    ]);
    const bob = await subject.user();
    expect((await send(null, bob, 'hi')).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    const stranger = subject.stranger();
    expect((await send(alice, stranger, 'hi')).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAVAILABLE' } }),
    ]);
    const written = await subject.db
      .select()
      .from(messages)
      .where(or(eq(messages.fromUserId, alice), eq(messages.toUserId, alice)));
    expect(written).toEqual([]);
  });

  it('lists a conversation both ways, newest first, in pages, the same for both parties', async () => {
    const [alice, bob, carol] = [await subject.user(), await subject.user(), await subject.user()];
    const written: string[] = [];
    for (let n = 0; n < 7; n += 1) {
      const [from, to] = n % 2 === 0 ? [alice, bob] : [bob, alice];
      written.push((await sent(from, to, `m${n}`)).id);
    }
    await sent(alice, carol, 'not in this conversation');

    const listed: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current: ConversationPage = await page(alice, bob, { first: 3, after });
      listed.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(listed).toEqual([...written].reverse());
    expect((await page(bob, alice, { first: 50 })).edges.map((edge) => edge.node.id)).toEqual(
      [...written].reverse(),
    );
    // anyone else's conversation with either is theirs: carol sees only hers with alice
    expect((await page(carol, bob)).edges).toEqual([]);
  });

  it('keeps only messages created strictly after createdAfterMs', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const first = await sent(alice, bob, 'one');
    const second = await sent(bob, alice, 'two');
    const third = await sent(alice, bob, 'three');

    const after = async (since: number) =>
      (await page(bob, alice, { since })).edges.map((edge) => edge.node.content);
    expect(await after(0)).toEqual(['three', 'two', 'one']);
    expect(await after(first.createdAtMs)).toEqual(['three', 'two']);
    expect(await after(first.createdAtMs + 0.5)).toEqual(['three', 'two']);
    expect(await after(second.createdAtMs)).toEqual(['three']);
    expect(await after(third.createdAtMs)).toEqual([]);
    const negative = await subject.run(bob, CONVERSATION, { peer: String(alice), since: -1 });
    expect(negative.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'createdAfterMs' } }),
    ]);
  });

  it('gives 40 simultaneous messages of one conversation a millisecond each, in the order they committed', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        n % 2 === 0 ? send(alice, bob, `a${n}`) : send(bob, alice, `b${n}`),
      ),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

    // ids are handed out at insert, and inserts into one conversation wait for each other
    const rows = await subject.db
      .select({ id: messages.id, createdAt: messages.createdAt })
      .from(messages)
      .where(or(eq(messages.fromUserId, alice), eq(messages.toUserId, alice)))
      .orderBy(asc(messages.id));
    expect(rows).toHaveLength(40);
    const times = rows.map((row) => row.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(40);
  });
});
