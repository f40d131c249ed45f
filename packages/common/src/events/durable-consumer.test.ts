import { eq } from 'drizzle-orm';
import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { AckPolicy, connect, DeliverPolicy, type JsMsg, nanos, type NatsConnection } from 'nats';
import pino from 'pino';
import { z } from 'zod';
import { createTables } from '@reel/testkit/tables';
import { eventually, withDeadline } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { TcpProxy } from '@reel/testkit/tcp-proxy';
import { connectMysql } from '../mysql';
import { connectNats, streamName, subject } from '../nats';
import { consumeDurable, type DurableConsumerOptions } from './consumer';
import { eventLimits } from './limits';
import { deadLetterStream, deadLetterSubject, ensureStream, type StreamSpec } from './streams';
import { processedEventsTable } from './tables';

const processed = processedEventsTable('kit_processed');
/** What the test handlers write: one row per event, in the consumer's transaction. */
const effects = mysqlTable('kit_effects', {
  eventId: varchar('event_id', { length: 128 }).primaryKey(),
  note: varchar('note', { length: 64 }).notNull(),
});
const schema = { processed, effects };
const stream: StreamSpec = { name: 'KIT', subjects: ['kit.>'] };
const payloadSchema = z.object({ note: z.string() });
type Payload = z.infer<typeof payloadSchema>;
const silent = pino({ level: 'silent' });

describe('a durable consumer (RELIABILITY row 23: poison messages dead-lettered after maxDeliveries, later ones processed)', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<typeof schema>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await isolatedDatabase('kit_consumer');
    await createTables(database.url, schema);
    mysql = connectMysql(database.url, schema);
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  /** A namespace and durable of the test's own: jest files and tests never share a stream. */
  const world = async (name: string) => {
    const namespace = `${runEnv().namespace}_${name}`;
    const durable = `kit-${name}`;
    const jsm = await nc.jetstreamManager();
    const kitStream = await ensureStream(jsm, namespace, stream);
    const publish = (id: string, payload: Payload | string) =>
      nc
        .jetstream()
        .publish(
          subject(namespace, 'kit.happened'),
          typeof payload === 'string' ? payload : JSON.stringify(payload),
          { msgID: `${name}-${id}` },
        );
    const consumerState = async () => {
      const info = await jsm.consumers.info(kitStream, durable);
      return {
        pending: info.num_pending,
        unacked: info.num_ack_pending,
        ackedThrough: info.ack_floor.stream_seq,
      };
    };
    const processedIds = async () =>
      (
        await mysql.db
          .select({ eventId: processed.eventId })
          .from(processed)
          .where(eq(processed.consumer, durable))
          .orderBy(processed.eventId)
      ).map((row) => row.eventId);
    const effectsOf = async (ids: string[]) =>
      (await mysql.db.select().from(effects).orderBy(effects.eventId)).filter((row) =>
        ids.includes(row.eventId),
      );
    const consume = (
      handle: DurableConsumerOptions<typeof schema, Payload>['handle'],
      overrides: Partial<DurableConsumerOptions<typeof schema, Payload>> = {},
    ) =>
      consumeDurable({
        nats: nc,
        namespace,
        stream,
        durable,
        filter: subject(namespace, 'kit.>'),
        schema: payloadSchema,
        db: mysql.db,
        processed,
        handle,
        log: silent,
        nakDelayMs: 50,
        ...overrides,
      });
    return { namespace, durable, publish, consumerState, processedIds, effectsOf, consume };
  };

  it('acks only after the handler’s transaction commits; a throwing handler leaves nothing and is redelivered', async () => {
    const w = await world('commit');
    const deliveries: number[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const consumer = w.consume(async (event, tx) => {
      deliveries.push(event.deliveryCount);
      await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
      if (event.deliveryCount === 1) throw new Error('the first delivery fails');
      await released; // holds the second delivery's transaction open
    });
    try {
      await w.publish('1', { note: 'hello' });
      // the second delivery is inside its transaction: nothing committed, nothing acked
      await eventually(() => expect(deliveries).toEqual([1, 2]));
      expect(await w.processedIds()).toEqual([]);
      expect(await w.effectsOf(['commit-1'])).toEqual([]);
      expect(await w.consumerState()).toEqual({ pending: 0, unacked: 1, ackedThrough: 0 });

      release();
      await eventually(async () =>
        expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 1 }),
      );
      expect(await w.processedIds()).toEqual(['commit-1']);
      expect(await w.effectsOf(['commit-1'])).toEqual([{ eventId: 'commit-1', note: 'hello' }]);
      expect(deliveries).toEqual([1, 2]);
    } finally {
      release();
      await consumer.stop();
    }
  });

  it('acks a redelivery of an event it processed before without running the handler again', async () => {
    const w = await world('replay');
    const handled: string[] = [];
    const handle: DurableConsumerOptions<typeof schema, Payload>['handle'] = async (event, tx) => {
      handled.push(event.id);
      await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
    };
    let consumer = w.consume(handle);
    try {
      await w.publish('1', { note: 'once' });
      await eventually(async () =>
        expect(await w.consumerState()).toMatchObject({ ackedThrough: 1 }),
      );
      await consumer.stop();

      // the durable is reset (deleted and made again): the stream delivers event 1 once more
      const jsm = await nc.jetstreamManager();
      await jsm.consumers.delete(streamName(w.namespace, stream.name), w.durable);
      consumer = w.consume(handle);
      await w.publish('2', { note: 'twice?' });
      await eventually(async () =>
        expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 2 }),
      );
      expect(handled).toEqual(['replay-1', 'replay-2']);
      expect(await w.processedIds()).toEqual(['replay-1', 'replay-2']);
      expect(await w.effectsOf(['replay-1', 'replay-2'])).toHaveLength(2);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters a message that keeps failing after maxDeliveries, and one that cannot parse at once, while later messages are handled', async () => {
    const w = await world('poison');
    const attempts = new Map<string, number>();
    const consumer = w.consume(
      async (event, tx) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        if (event.payload.note === 'poison') throw new Error('cannot digest poison');
        await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
      },
      { maxDeliveries: 3 },
    );
    try {
      await w.publish('1', { note: 'poison' });
      await w.publish('2', '{"note": 42}');
      await w.publish('3', { note: 'fine' });
      await eventually(async () =>
        expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 3 }),
      );
      expect(Object.fromEntries(attempts)).toEqual({ 'poison-1': 3, 'poison-3': 1 });
      expect(await w.processedIds()).toEqual(['poison-3']);

      const letters = await readStream(nc, streamName(w.namespace, deadLetterStream.name), 2);
      const summary = letters
        .map((msg) => ({
          on: msg.subject,
          eventId: msg.headers?.get('Reel-Event-Id'),
          data: msg.string(),
          subject: msg.headers?.get('Reel-Original-Subject'),
          deliveries: msg.headers?.get('Reel-Deliveries'),
          reason: msg.headers?.get('Reel-Dead-Letter-Reason'),
        }))
        .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)));
      expect(summary).toEqual([
        {
          on: deadLetterSubject(w.namespace, w.durable),
          eventId: 'poison-1',
          data: '{"note":"poison"}',
          subject: subject(w.namespace, 'kit.happened'),
          deliveries: '3',
          reason: 'cannot digest poison',
        },
        {
          on: deadLetterSubject(w.namespace, w.durable),
          eventId: 'poison-2',
          data: '{"note": 42}',
          subject: subject(w.namespace, 'kit.happened'),
          deliveries: '1',
          reason: expect.stringMatching(/^invalid payload: /),
        },
      ]);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters a message redelivered past maxDeliveries with no outcome (crashed handlers) without handling it, and just acks one processed before', async () => {
    const w = await world('crash');
    const jsm = await nc.jetstreamManager();
    const kitStream = streamName(w.namespace, stream.name);
    // the durable as consumeDurable makes it, then three deliveries of each with no outcome
    await jsm.consumers.add(kitStream, {
      durable_name: w.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subject(w.namespace, 'kit.>'),
      ack_wait: nanos(eventLimits.ackWaitMs),
      max_deliver: -1,
    });
    await w.publish('1', { note: 'crashes every handler' });
    await w.publish('2', { note: 'committed, then the process died' });
    const raw = await nc.jetstream().consumers.get(kitStream, w.durable);
    // each message is nak'ed at once until its third delivery, which is held: nak'ed only once
    // both have had three, so no fourth delivery can come back here, whatever the interleaving
    const third = new Map<string, JsMsg>();
    while (third.size < 2) {
      const msg = await raw.next({ expires: 2_000 });
      if (!msg) throw new Error('the stream stopped delivering');
      if (msg.info.deliveryCount >= 3) third.set(String(msg.headers?.get('Nats-Msg-Id')), msg);
      else msg.nak();
    }
    for (const msg of third.values()) msg.nak(); // the fourth deliveries go to consumeDurable
    await mysql.db
      .insert(processed)
      .values({ consumer: w.durable, eventId: 'crash-2', processedAt: new Date() });

    const handled: string[] = [];
    const consumer = w.consume(async (event) => void handled.push(event.id), {
      maxDeliveries: 3,
    });
    try {
      await eventually(async () =>
        expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 2 }),
      );
      expect(handled).toEqual([]);
      const [letter] = await readStream(nc, streamName(w.namespace, deadLetterStream.name), 1);
      expect({
        eventId: letter?.headers?.get('Reel-Event-Id'),
        deliveries: letter?.headers?.get('Reel-Deliveries'),
        reason: letter?.headers?.get('Reel-Dead-Letter-Reason'),
      }).toEqual({
        eventId: 'crash-1',
        deliveries: '4',
        reason: 'delivered 4 times without an outcome',
      });
    } finally {
      await consumer.stop();
    }
  });

  describe('stop() returns while NATS is unreachable', () => {
    const proxy = new TcpProxy(
      '127.0.0.1',
      Number(new URL(natsUrl.replace(/^nats:/, 'http:')).port || 4222),
    );
    beforeAll(() => proxy.start());
    afterAll(() => proxy.stop());

    it('before it ever connected', async () => {
      const w = await world('stop_never');
      await proxy.stop();
      const connection = connectNats(`nats://127.0.0.1:${proxy.port}`, 'test-never');
      const consumer = w.consume(async () => undefined, { nats: connection });
      await withDeadline(consumer.stop(), 'consumer.stop() before a first connection');
      await proxy.start();
      await (await connection).close(); // the caller's connection is the caller's to close
    });

    it('after NATS went away while it was consuming', async () => {
      const w = await world('stop_outage');
      const connection = await connectNats(`nats://127.0.0.1:${proxy.port}`, 'test-outage');
      const handled: string[] = [];
      const consumer = w.consume(
        async (event) => {
          handled.push(event.id);
        },
        { nats: connection },
      );
      try {
        await w.publish('1', { note: 'before the outage' });
        await eventually(() => expect(handled).toEqual(['stop_outage-1']));
        await proxy.stop();
        await withDeadline(consumer.stop(), 'consumer.stop() during an outage');
      } finally {
        await proxy.start();
        await connection.close();
      }
    });
  });
});

/** The first `count` messages of a stream, through an ordered consumer. */
async function readStream(nc: NatsConnection, stream: string, count: number): Promise<JsMsg[]> {
  const consumer = await nc.jetstream().consumers.get(stream);
  const messages: JsMsg[] = [];
  while (messages.length < count) {
    const msg = await consumer.next({ expires: 2_000 });
    if (!msg) throw new Error(`${stream}: ${messages.length} of ${count} messages`);
    messages.push(msg);
  }
  return messages;
}
