import { connect, type NatsConnection } from 'nats';
import { connectMysql, createLogger, parseConfig, streamName, writeEvent } from '@reel/common';
import { streams, videoCreated } from '@reel/contracts';
import { eventually } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { schema, videoOutbox } from './db/schema';
import { startOutboxRelay } from './events';

// The relay's behaviour (outages, de-duplication, stop) is proven in packages/common; this proves
// the video subgraph's wiring: its outbox table, its stream, the contract's payload.
describe('the video outbox relay', () => {
  const namespace = `${runEnv().namespace}_ob`;
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<typeof schema>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await isolatedDatabase('outbox');
    mysql = connectMysql(database.url, schema);
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  it('puts video.created, as the contract describes it, on the VIDEO stream', async () => {
    const createdAt = new Date();
    const event = videoCreated.schema.parse({
      id: '1',
      authorId: '7',
      createdAt: createdAt.toISOString(),
      createdAtMs: createdAt.getTime(),
      durationMs: 1_500,
    });
    await mysql.db.transaction((tx) =>
      writeEvent(tx, videoOutbox, { subject: videoCreated.subject(namespace), payload: event }),
    );
    const relay = startOutboxRelay({
      db: mysql.db,
      natsUrl,
      namespace,
      log: createLogger(parseConfig({ LOG_LEVEL: 'silent' }), 'relay'),
    });
    try {
      relay.nudge();
      await eventually(async () =>
        expect((await mysql.db.select().from(videoOutbox))[0]?.publishedAt).not.toBeNull(),
      );
      const consumer = await nc
        .jetstream()
        .consumers.get(streamName(namespace, streams.video.name));
      const msg = await consumer.next({ expires: 2_000 });
      expect({
        subject: msg?.subject,
        id: msg?.headers?.get('Nats-Msg-Id'),
        payload: videoCreated.schema.parse(msg?.json()),
      }).toEqual({
        subject: `${namespace}.video.created`,
        id: 'video_outbox-1',
        payload: event,
      });
    } finally {
      await relay.stop();
    }
  });
});
