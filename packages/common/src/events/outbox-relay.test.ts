import { eq } from 'drizzle-orm';
import { connect, type NatsConnection } from 'nats';
import pino from 'pino';
import { createTables } from '@reel/testkit/tables';
import { eventually, withDeadline } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { TcpProxy } from '@reel/testkit/tcp-proxy';
import { connectMysql } from '../mysql';
import { streamName, subject } from '../nats';
import { startOutboxRelay, writeEvent } from './outbox';
import type { StreamSpec } from './streams';
import { outboxTable } from './tables';

const outbox = outboxTable('kit_outbox');
const stream: StreamSpec = { name: 'KIT', subjects: ['kit.>'] };

/** A logger whose warnings a test can wait for: "the relay tried and failed", not "time passed". */
function recordingLogger() {
  const warnings: string[] = [];
  const log = pino(
    { level: 'warn' },
    { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { log, warnings };
}

describe('the outbox relay', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const proxy = new TcpProxy(
    '127.0.0.1',
    Number(new URL(natsUrl.replace(/^nats:/, 'http:')).port || 4222),
  );
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<{ outbox: typeof outbox }>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await isolatedDatabase('kit_relay');
    await createTables(database.url, { outbox });
    mysql = connectMysql(database.url, { outbox });
    nc = await connect({ servers: natsUrl });
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  const publishedAt = async () =>
    (await mysql.db.select().from(outbox).orderBy(outbox.id)).map((row) => row.publishedAt);
  const write = (namespace: string, n: number) =>
    mysql.db.transaction((tx) =>
      writeEvent(tx, outbox, { subject: subject(namespace, 'kit.happened'), payload: { n } }),
    );

  it('delivers an event written during a NATS outage once NATS is back, exactly once', async () => {
    const namespace = `${runEnv().namespace}_relay_outage`;
    const streamMessages = async () =>
      (await (await nc.jetstreamManager()).streams.info(streamName(namespace, stream.name))).state
        .messages;
    const { log, warnings } = recordingLogger();
    const relay = startOutboxRelay({
      db: mysql.db,
      table: outbox,
      natsUrl: `nats://127.0.0.1:${proxy.port}`,
      namespace,
      streams: [stream],
      log,
    });
    try {
      await write(namespace, 1);
      relay.nudge();
      await eventually(async () => expect(await streamMessages()).toBe(1));

      await proxy.stop(); // NATS unreachable from the relay from here on
      await write(namespace, 2);
      relay.nudge();
      await eventually(() => expect(warnings).toContain('outbox relay: will retry'), {
        timeoutMs: 15_000,
      });
      expect(await streamMessages()).toBe(1);
      expect((await publishedAt())[1]).toBeNull();

      await proxy.start(); // same port: the client reconnects by itself
      await eventually(
        async () => expect((await publishedAt()).every((at) => at !== null)).toBe(true),
        { timeoutMs: 15_000 },
      );
      expect(await streamMessages()).toBe(2);

      // a relay that crashed after publishing but before marking sends again: JetStream drops it
      await mysql.db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, 2));
      relay.nudge();
      await eventually(async () => expect((await publishedAt())[1]).not.toBeNull());
      expect(await streamMessages()).toBe(2);

      const consumer = await nc.jetstream().consumers.get(streamName(namespace, stream.name));
      const delivered = [];
      for (let i = 0; i < 2; i += 1) {
        const msg = await consumer.next({ expires: 2_000 });
        delivered.push({ n: msg?.json<{ n: number }>().n, id: msg?.headers?.get('Nats-Msg-Id') });
      }
      expect(delivered).toEqual([
        { n: 1, id: 'kit_outbox-1' },
        { n: 2, id: 'kit_outbox-2' },
      ]);
    } finally {
      await relay.stop();
    }
  });

  it('stops promptly while NATS has never been reachable and events are pending', async () => {
    const namespace = `${runEnv().namespace}_relay_never`;
    await proxy.stop();
    await write(namespace, 3);
    // its own pool, so the test can see the relay's query for pending rows go out
    const relayMysql = connectMysql(database.url, { outbox });
    const relay = startOutboxRelay({
      db: relayMysql.db,
      table: outbox,
      natsUrl: `nats://127.0.0.1:${proxy.port}`,
      namespace,
      streams: [stream],
      log: recordingLogger().log,
    });
    try {
      // it has read the pending row and now waits for a first connection that never comes
      await eventually(() => expect(relayMysql.queries.count).toBeGreaterThan(0));
      await withDeadline(relay.stop(), 'relay.stop() during an outage');
      expect((await publishedAt()).at(-1)).toBeNull();
    } finally {
      await relay.stop();
      await relayMysql.close();
      await proxy.start();
    }
  });
});
