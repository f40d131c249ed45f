import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { connect, type NatsConnection } from 'nats';
import { connectMysql, createLogger, parseConfig } from '@reel/common';
import { eventually } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { TcpProxy } from '@reel/testkit/tcp-proxy';
import { insertOutboxEvent } from './db/queries';
import { schema, videoOutbox } from './db/schema';
import { startOutboxRelay, videoCreatedSubject, videoStream } from './events';

describe('the video outbox relay', () => {
  const namespace = `${runEnv().namespace}_ob`;
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const proxy = new TcpProxy(
    '127.0.0.1',
    Number(new URL(natsUrl.replace(/^nats:/, 'http:')).port || 4222),
  );
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<typeof schema>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await isolatedDatabase('outbox');
    mysql = connectMysql(database.url, schema);
    nc = await connect({ servers: natsUrl });
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  const streamMessages = async () =>
    (await (await nc.jetstreamManager()).streams.info(videoStream(namespace))).state.messages;
  const writeEvent = (payload: object) =>
    mysql.db.transaction((tx) =>
      insertOutboxEvent(tx, {
        subject: videoCreatedSubject(namespace),
        payload: JSON.stringify(payload),
        createdAt: new Date(),
      }),
    );
  const publishedAt = async () =>
    (await mysql.db.select().from(videoOutbox)).map((row) => row.publishedAt);

  it('delivers an event written during a NATS outage once NATS is back, exactly once', async () => {
    const config = parseConfig({ LOG_LEVEL: 'silent' });
    const relay = startOutboxRelay({
      db: mysql.db,
      natsUrl: `nats://127.0.0.1:${proxy.port}`,
      namespace,
      log: createLogger(config, 'relay'),
    });
    try {
      await writeEvent({
        id: '1',
        authorId: '7',
        createdAt: new Date().toISOString(),
        createdAtMs: Date.now(),
      });
      relay.nudge();
      await eventually(async () => expect(await streamMessages()).toBe(1));

      await proxy.stop(); // NATS unreachable from the relay from here on
      await writeEvent({
        id: '2',
        authorId: '7',
        createdAt: new Date().toISOString(),
        createdAtMs: Date.now(),
      });
      relay.nudge();
      await sleep(1_500);
      expect(await streamMessages()).toBe(1);
      expect((await publishedAt())[1]).toBeNull();

      await proxy.start(); // same port: the client reconnects by itself
      await eventually(
        async () => expect((await publishedAt()).every((at) => at !== null)).toBe(true),
        { timeoutMs: 15_000 },
      );
      expect(await streamMessages()).toBe(2);

      // a relay that crashed after publishing but before marking sends again: JetStream drops it
      await mysql.db.update(videoOutbox).set({ publishedAt: null }).where(eq(videoOutbox.id, 2));
      relay.nudge();
      await eventually(async () => expect((await publishedAt())[1]).not.toBeNull());
      expect(await streamMessages()).toBe(2);

      const js = nc.jetstream();
      const consumer = await js.consumers.get(videoStream(namespace));
      const delivered = [];
      for (let i = 0; i < 2; i += 1)
        delivered.push((await consumer.next({ expires: 2_000 }))?.json<{ id: string }>().id);
      expect(delivered).toEqual(['1', '2']);
    } finally {
      await relay.stop();
      await (
        await nc.jetstreamManager()
      ).streams
        .delete(videoStream(namespace))
        .catch(() => undefined);
    }
  });

  it('stops promptly while NATS has never been reachable and events are pending', async () => {
    await proxy.stop();
    const config = parseConfig({ LOG_LEVEL: 'silent' });
    const relay = startOutboxRelay({
      db: mysql.db,
      natsUrl: `nats://127.0.0.1:${proxy.port}`,
      namespace,
      log: createLogger(config, 'relay'),
    });
    await writeEvent({
      id: '3',
      authorId: '7',
      createdAt: new Date().toISOString(),
      createdAtMs: Date.now(),
    });
    relay.nudge();
    await sleep(300);
    await relay.stop(); // would never return if it waited for the first connection
    expect((await publishedAt()).at(-1)).toBeNull();
    await proxy.start();
  });
});
