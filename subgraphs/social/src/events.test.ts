import { connect, type NatsConnection } from 'nats';
import { streamName } from '@reel/common';
import { chatMessage, streams } from '@reel/contracts';
import { eventually } from '@reel/testkit/eventually';
import { socialOutbox } from './db/schema';
import { type SocialUnderTest, startSocial } from './test-app';

const SEND = `mutation ($to: ID!) { sendMessage(toUserId: $to, content: "hi") { id } }`;

// The relay's behaviour (outages, de-duplication, stop) is proven in packages/common; this proves
// the social subgraph's wiring: the relay setup starts, its table, its stream, the contract.
describe('the social outbox relay', () => {
  let subject: SocialUnderTest;
  let nc: NatsConnection;
  beforeAll(async () => {
    subject = await startSocial('so_events');
    nc = await connect({ servers: subject.config.nats.url });
  });
  afterAll(async () => {
    await nc.close();
    await subject.close();
  });

  it('puts each message, as chat.<a>.<b> of the contract, on the CHAT stream', async () => {
    const [alice, bob] = [await subject.user(), await subject.user()];
    const sent = await subject.run<{ sendMessage: { id: string } }>(bob, SEND, {
      to: String(alice),
    });
    const { id } = sent.data!.sendMessage;

    await eventually(async () =>
      expect((await subject.db.select().from(socialOutbox))[0]?.publishedAt).not.toBeNull(),
    );
    const consumer = await nc
      .jetstream()
      .consumers.get(streamName(subject.config.namespace, streams.chat.name));
    const msg = await consumer.next({ expires: 2_000 });
    expect({
      subject: msg?.subject,
      id: msg?.headers?.get('Nats-Msg-Id'),
      payload: chatMessage.schema.parse(msg?.json()),
    }).toEqual({
      subject: `${subject.config.namespace}.chat.${alice}.${bob}`,
      id: 'social_outbox-1',
      payload: { id, fromUserId: String(bob), toUserId: String(alice) },
    });
  });
});
