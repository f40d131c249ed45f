/**
 * The publishing side: an event is written to the service's outbox table in the transaction that
 * causes it (writeEvent), and a relay publishes it to JetStream from there, so a crash or a NATS
 * outage loses nothing. Each event is sent with Nats-Msg-Id `<table>-<id>`, so a re-send (a relay
 * that crashed between publish and mark, two relays racing) is dropped by the stream's duplicate
 * window instead of delivered twice; durable consumers use the same id to recognise repeats.
 */
import { eq, getTableName, isNull } from 'drizzle-orm';
import { headers as natsHeaders, type JetStreamClient } from 'nats';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import { injectNatsHeaders, inSpan, SpanKind, tracingEnabled } from '../tracing';
import { connectUntilStopped } from './connection';
import { eventLimits } from './limits';
import { StopSignal } from './stop-signal';
import { ensureStream, type StreamSpec } from './streams';
import type { OutboxTable, SqlClient } from './tables';

const SUBJECT_MAX_CHARS = 128; // the outbox's subject column

/**
 * Records an event inside the caller's transaction. `payload` is stored as JSON; check it against
 * its contract's schema first. Tell the relay afterwards (nudge) to skip the poll interval.
 */
export async function writeEvent(
  tx: SqlClient,
  table: OutboxTable,
  event: { subject: string; payload: unknown; createdAt?: Date },
): Promise<void> {
  if (event.subject.length > SUBJECT_MAX_CHARS)
    throw new Error(`event subject longer than ${SUBJECT_MAX_CHARS} characters: ${event.subject}`);
  await tx.insert(table).values({
    subject: event.subject,
    payload: JSON.stringify(event.payload),
    createdAt: event.createdAt ?? new Date(),
  });
}

/** The id consumers see for an outbox event: its Nats-Msg-Id. */
export function outboxEventId(table: OutboxTable, id: number): string {
  return `${getTableName(table)}-${id}`;
}

export interface OutboxRelay {
  /** Relay now rather than at the next poll (called after a publishing transaction commits). */
  nudge(): void;
  /** Returns promptly even while NATS is unreachable; unpublished events stay in the table. */
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: SqlClient;
  table: OutboxTable;
  natsUrl: string;
  namespace: string;
  /** The streams the table's subjects go to; created when missing. */
  streams: readonly StreamSpec[];
  log: Logger;
  pollIntervalMs?: number;
}

/**
 * Publishes the table's unpublished rows in id order, forever, through NATS outages. Several
 * relays on one table (workers, instances) are safe: their duplicate sends are dropped.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, table, log } = options;
  const tableName = getTableName(table);
  const pollIntervalMs = options.pollIntervalMs ?? eventLimits.relayPollIntervalMs;
  const signal = new StopSignal(`${tableName} relay`);
  const lag = metrics.outboxLag.labels(tableName);
  let nudged = false;
  const nats = connectUntilStopped(signal, options.natsUrl, `${tableName}-relay`, log);

  let js: JetStreamClient | undefined;
  const jetStream = async () => {
    if (js) return js;
    // NATS may be unreachable for a long time: never let that block stop()
    const nc = await nats.connection;
    const jsm = await signal.race(nc.jetstreamManager());
    for (const spec of options.streams)
      await signal.race(ensureStream(jsm, options.namespace, spec));
    js = nc.jetstream();
    return js;
  };

  const relayBatch = async (): Promise<number> => {
    const pending = await db
      .select()
      .from(table)
      .where(isNull(table.publishedAt))
      .orderBy(table.id)
      .limit(eventLimits.relayBatchSize);
    if (pending.length === 0) return 0;
    const client = await jetStream();
    for (const event of pending) {
      if (signal.stopped) break;
      const publish = () => {
        const headers = natsHeaders();
        // the consumer's span joins this one's trace (consumer.ts)
        injectNatsHeaders(headers);
        // abandoned on stop(): the row stays unpublished, and its re-send is de-duplicated
        return signal.race(
          client.publish(event.subject, event.payload, {
            msgID: outboxEventId(table, event.id),
            timeout: eventLimits.publishTimeoutMs,
            headers,
          }),
        );
      };
      try {
        await (tracingEnabled()
          ? inSpan(
              `publish ${tableName}`,
              {
                kind: SpanKind.PRODUCER,
                attributes: {
                  'messaging.system': 'nats',
                  'messaging.destination.name': event.subject,
                  'messaging.message.id': outboxEventId(table, event.id),
                },
              },
              publish,
            )
          : publish());
        lag.observe((Date.now() - event.createdAt.getTime()) / 1000);
      } catch (error) {
        js = undefined; // a stream deleted meanwhile is created again on the next round
        throw error;
      }
      await db.update(table).set({ publishedAt: new Date() }).where(eq(table.id, event.id));
    }
    return pending.length;
  };

  const loop = (async () => {
    while (!signal.stopped) {
      nudged = false;
      let relayed = 0;
      try {
        relayed = await relayBatch();
      } catch (error) {
        if (!signal.stopped) log.warn({ err: error, table: tableName }, 'outbox relay: will retry');
      }
      // a full batch or a nudge that came in meanwhile: go again at once
      if (signal.stopped || relayed === eventLimits.relayBatchSize || nudged) continue;
      await signal.sleep(pollIntervalMs);
    }
  })();

  return {
    nudge: () => {
      nudged = true;
      signal.wake();
    },
    async stop() {
      signal.stop();
      await loop;
      nats.close();
    },
  };
}
