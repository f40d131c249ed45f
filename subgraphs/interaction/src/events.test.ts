import { connect, type NatsConnection } from 'nats';
import { streamName } from '@reel/common';
import { streams, videoComment } from '@reel/contracts';
import { eventually } from '@reel/testkit/eventually';
import { interactionOutbox } from './db/schema';
import { type InteractionUnderTest, startInteraction } from './test-app';

const ADD = `mutation ($video: ID!) { addComment(videoId: $video, content: "live") { id } }`;
const DELETE = `mutation ($id: ID!) { deleteComment(id: $id) { id } }`;

// The relay itself is proven in packages/common; this proves what comment writes put in the
// outbox, in their own transaction, and that the subgraph's relay carries it to COMMENT.
describe('comment events', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let subject: InteractionUnderTest;
  let nc: NatsConnection;
  beforeAll(async () => {
    subject = await startInteraction('ia_events');
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    await nc.close();
    await subject.close();
  });

  const outboxRows = async () =>
    (await subject.db.select().from(interactionOutbox).orderBy(interactionOutbox.id)).map(
      (row) => ({ subject: row.subject, payload: JSON.parse(row.payload) as unknown }),
    );

  it('writes added and deleted with the comment, only for a delete that happened, and relays them to COMMENT in order', async () => {
    const [author, stranger] = [subject.id(), subject.id()];
    const video = await subject.video(author);
    const added = await subject.run<{ addComment: { id: string } }>(author, ADD, {
      video: String(video),
    });
    const id = added.data!.addComment.id;
    const refused = await subject.run(stranger, DELETE, { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subject.run(author, DELETE, { id })).errors).toBeUndefined();
    expect((await subject.run(author, DELETE, { id })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );

    const on = videoComment.subject(subject.namespace, video);
    const expected = [
      { subject: on, payload: { kind: 'added', id, videoId: String(video) } },
      { subject: on, payload: { kind: 'deleted', id, videoId: String(video) } },
    ];
    expect(await outboxRows()).toEqual(expected);

    await eventually(async () =>
      expect(
        (await subject.db.select().from(interactionOutbox)).every((row) => row.publishedAt),
      ).toBe(true),
    );
    const consumer = await nc
      .jetstream()
      .consumers.get(streamName(subject.namespace, streams.comment.name));
    const relayed = [];
    for (const _ of expected) {
      const msg = await consumer.next({ expires: 2_000 });
      relayed.push({ subject: msg?.subject, payload: videoComment.schema.parse(msg?.json()) });
    }
    expect(relayed).toEqual(expected);
  });
});
