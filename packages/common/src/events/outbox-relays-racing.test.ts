import { connect, type NatsConnection } from 'nats';
import pino from 'pino';
import { createTables } from '@reel/testkit/tables';
import { eventually } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { connectMysql } from '../mysql';
import { streamName, subject } from '../nats';
import { startOutboxRelay, writeEvent } from './outbox';
import type { StreamSpec } from './streams';
import { outboxTable } from './tables';

const outbox = outboxTable('race_outbox');
const stream: StreamSpec = { name: 'RACE', subjects: ['race.>'] };
const EVENTS = 120; // more than one relay batch (eventLimits.relayBatchSize)
const WRITERS = 8; // transactions committing at once, as a worker's requests do
const RELAYS = 3; // npm start's workers, each relaying every outbox of its subgraphs

/**
 * The single topology runs every outbox relay in every worker, each nudged by its own worker's
 * commits and all polling the same table: they race for the same rows. What the rest of the
 * system relies on is that the stream still holds each event once, in its own id.
 */
describe('outbox relays of several workers on one table', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<{ outbox: typeof outbox }>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await isolatedDatabase('kit_race');
    await createTables(database.url, { outbox });
    mysql = connectMysql(database.url, { outbox });
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  it('publish every event into the stream exactly once, however they race', async () => {
    const namespace = `${runEnv().namespace}_relay_race`;
    const log = pino({ level: 'silent' });
    const relays = Array.from({ length: RELAYS }, () =>
      startOutboxRelay({
        db: mysql.background,
        table: outbox,
        natsUrl,
        namespace,
        streams: [stream],
        log,
        pollIntervalMs: 50, // poll hard: every relay sees most rows before another marks them
      }),
    );
    // what core NATS subscribers (the realtime edge) see: every publish, duplicates included
    const core = nc.subscribe(subject(namespace, 'race.>'));
    let corePublishes = 0;
    void (async () => {
      for await (const _msg of core) corePublishes += 1;
    })();
    await nc.flush();
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          while (next < EVENTS) {
            const n = next++;
            await mysql.db.transaction((tx) =>
              writeEvent(tx, outbox, {
                subject: subject(namespace, 'race.happened'),
                payload: { n },
              }),
            );
            // the worker that committed nudges its own relay; the others find the row polling
            relays[n % RELAYS]!.nudge();
          }
        }),
      );
      await eventually(
        async () => {
          const unpublished = (await mysql.db.select().from(outbox)).filter(
            (row) => row.publishedAt === null,
          );
          expect(unpublished).toEqual([]);
        },
        { timeoutMs: 30_000 },
      );

      const jsm = await nc.jetstreamManager();
      const name = streamName(namespace, stream.name);
      expect((await jsm.streams.info(name)).state.messages).toBe(EVENTS);
      const consumer = await nc.jetstream().consumers.get(name);
      const delivered: { n: number; id: string | undefined }[] = [];
      const messages = await consumer.fetch({ max_messages: EVENTS, expires: 5_000 });
      for await (const msg of messages) {
        delivered.push({ n: msg.json<{ n: number }>().n, id: msg.headers?.get('Nats-Msg-Id') });
        if (delivered.length === EVENTS) break;
      }
      const rows = await mysql.db.select().from(outbox).orderBy(outbox.id);
      expect(delivered.sort((a, b) => a.n - b.n)).toEqual(
        rows
          .map((row) => ({
            n: (JSON.parse(row.payload) as { n: number }).n,
            id: `race_outbox-${row.id}`,
          }))
          .sort((a, b) => a.n - b.n),
      );
      // not asserted: how many duplicates the race produced (core subscribers drop them by id)
      await eventually(() => expect(corePublishes).toBeGreaterThanOrEqual(EVENTS));
    } finally {
      core.unsubscribe();
      await Promise.all(relays.map((relay) => relay.stop()));
      await (
        await nc.jetstreamManager()
      ).streams
        .delete(streamName(namespace, stream.name))
        .catch(() => undefined);
    }
  });
});
