import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { connect, type NatsConnection } from 'nats';
import pino from 'pino';
import { z } from 'zod';
import { createTables } from '@reel/testkit/tables';
import { eventually } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { ancestorsOf, type OtlpReceiver, startOtlpReceiver } from '@reel/testkit/otlp-receiver';
import { runEnv } from '@reel/testkit/run-env';
import { connectMysql } from '../mysql';
import { subject } from '../nats';
import { startTracing, type Tracing } from '../tracing';
import { consumeDurable } from './consumer';
import { outboxEventId, startOutboxRelay, writeEvent } from './outbox';
import type { StreamSpec } from './streams';
import { outboxTable, processedEventsTable } from './tables';

const outbox = outboxTable('kit_traced_outbox');
const processed = processedEventsTable('kit_traced_processed');
const effects = mysqlTable('kit_traced_effects', {
  eventId: varchar('event_id', { length: 128 }).primaryKey(),
});
const schema = { outbox, processed, effects };
const stream: StreamSpec = { name: 'KIT', subjects: ['kit.>'] };
const silent = pino({ level: 'silent' });

describe('an event through the outbox relay and a durable consumer, traced', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<typeof schema>>;
  let nc: NatsConnection;
  let receiver: OtlpReceiver;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = (await startTracing(
      { otlpEndpoint: receiver.url, sampleRatio: 1, metricsToken: null },
      'kit',
    ))!;
    database = await isolatedDatabase('kit_traced');
    await createTables(database.url, schema);
    mysql = connectMysql(database.url, schema);
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    await nc.close();
    await mysql.close();
    await database.drop();
    await tracing.shutdown();
    await receiver.close();
  });

  it("joins the consumer's span, and the SQL of its handler, to the publisher's trace", async () => {
    const namespace = `${runEnv().namespace}_traced`;
    const relay = startOutboxRelay({
      db: mysql.background,
      table: outbox,
      natsUrl,
      namespace,
      streams: [stream],
      log: silent,
    });
    const handled: string[] = [];
    const consumer = consumeDurable({
      nats: nc,
      namespace,
      stream,
      durable: 'kit-traced',
      filter: subject(namespace, 'kit.>'),
      schema: z.object({ n: z.number() }),
      db: mysql.db,
      processed,
      log: silent,
      handle: async (event, tx) => {
        await tx.insert(effects).values({ eventId: event.id });
        handled.push(event.id);
      },
    });
    try {
      await mysql.db.transaction((tx) =>
        writeEvent(tx, outbox, { subject: subject(namespace, 'kit.happened'), payload: { n: 1 } }),
      );
      relay.nudge();
      const [row] = await mysql.db.select().from(outbox);
      const eventId = outboxEventId(outbox, row!.id);
      await eventually(() => expect(handled).toEqual([eventId]), { timeoutMs: 15_000 });

      const { publish, process, trace } = await eventually(
        async () => {
          await tracing.flush();
          const byId = (name: string) =>
            receiver.spans.find(
              (span) => span.name === name && span.attributes['messaging.message.id'] === eventId,
            );
          const published = byId('publish kit_traced_outbox');
          const consumed = byId('process kit-traced');
          expect(published).toBeDefined();
          expect(consumed).toBeDefined();
          return {
            publish: published!,
            process: consumed!,
            trace: receiver.trace(published!.traceId),
          };
        },
        { timeoutMs: 15_000 },
      );
      expect(process).toMatchObject({ traceId: publish.traceId, parentSpanId: publish.spanId });
      expect(publish.attributes['messaging.destination.name']).toBe(
        subject(namespace, 'kit.happened'),
      );
      // the handler's transaction runs inside the consumer's span
      const handlerSql = trace.filter(
        (span) =>
          String(span.attributes['db.query.text']).startsWith('insert into `kit_traced_effects`') &&
          ancestorsOf(span, trace).includes(process),
      );
      expect(handlerSql).toHaveLength(1);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
