/**
 * The consuming side: a JetStream durable pull consumer whose handler runs in a database
 * transaction that also records the event as processed, so that
 * - a message is acked only after that transaction committed (a crash before means redelivery);
 * - a redelivery of a processed event finds the (consumer, event_id) key, does nothing and is acked;
 * - a message that keeps failing is published to a dead-letter subject after `maxDeliveries`
 *   (nak'ed with a delay before that) and acked, so the messages behind it go on.
 * The event id is the message's Nats-Msg-Id (an outbox's `<table>-<id>`), else `<stream>-<seq>`.
 * Several workers or instances may run the same durable: their pulls share its messages and the
 * processed key keeps each event's effects single. Order is not kept then, nor after a nak.
 */
import { createHash } from 'node:crypto';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import {
  AckPolicy,
  DeliverPolicy,
  headers as natsHeaders,
  type JetStreamManager,
  type JsMsg,
  nanos,
  type NatsConnection,
} from 'nats';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import { injectNatsHeaders, inSpan, natsParentContext, SpanKind, tracingEnabled } from '../tracing';
import { isDuplicateKey } from '../mysql';
import { eventLimits } from './limits';
import { StopSignal } from './stop-signal';
import {
  deadLetterStream,
  deadLetterSubject as defaultDeadLetterSubject,
  ensureStream,
  isJetStreamNotFound,
  type StreamSpec,
} from './streams';
import type { ProcessedEventsTable } from './tables';

export type Transaction<TSchema extends Record<string, unknown>> = Parameters<
  Parameters<MySql2Database<TSchema>['transaction']>[0]
>[0];

export interface ConsumedEvent<T> {
  id: string;
  subject: string;
  payload: T;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export interface DurableConsumerOptions<TSchema extends Record<string, unknown>, T> {
  /** A connection the caller owns and closes; may still be connecting (connectNats). */
  nats: NatsConnection | Promise<NatsConnection>;
  namespace: string;
  /** The stream holding the events; created when missing, so a consumer may start first. */
  stream: StreamSpec;
  /** The consumer's name on the stream and in the processed-events table. */
  durable: string;
  /** Namespaced subject or wildcard within the stream, from a contract's builder. */
  filter: string;
  schema: z.ZodType<T>;
  db: MySql2Database<TSchema>;
  processed: ProcessedEventsTable;
  /** Runs inside the transaction that records the event; throw to have it redelivered. */
  handle(event: ConsumedEvent<T>, tx: Transaction<TSchema>): Promise<void>;
  log: Logger;
  maxDeliveries?: number;
  nakDelayMs?: number;
  ackWaitMs?: number;
  /** Must be captured by a stream; the default `<ns>.deadletter.<durable>` is, by DEADLETTER. */
  deadLetterSubject?: string;
  /** eventLimits.stopGraceMs otherwise. */
  stopGraceMs?: number;
}

export interface DurableConsumer {
  /**
   * Stops pulling, lets the message in hand finish (its transaction, then its ack, flushed to
   * NATS) within the stop grace, and hands back the ones pulled ahead; returns promptly even
   * while NATS is unreachable. A message still in hand after the grace is left unacked: it is
   * redelivered to the next consumer after ackWait and applied once (the processed key).
   */
  stop(): Promise<void>;
}

const DURABLE_NAME = /^[A-Za-z0-9_-]{1,64}$/; // a JetStream name that fits the consumer column
const EVENT_ID_MAX_CHARS = 128; // the processed-events table's event_id column

export function consumeDurable<TSchema extends Record<string, unknown>, T>(
  options: DurableConsumerOptions<TSchema, T>,
): DurableConsumer {
  const { durable, namespace, log } = options;
  if (!DURABLE_NAME.test(durable)) throw new Error(`bad durable consumer name "${durable}"`);
  if (!options.filter.startsWith(`${namespace}.`))
    throw new Error(`filter "${options.filter}" is outside namespace "${namespace}"`);
  const maxDeliveries = options.maxDeliveries ?? eventLimits.maxDeliveries;
  const nakDelayMs = options.nakDelayMs ?? eventLimits.nakDelayMs;
  const ackWaitMs = options.ackWaitMs ?? eventLimits.ackWaitMs;
  const deadLetterTo = options.deadLetterSubject ?? defaultDeadLetterSubject(namespace, durable);
  const stopGraceMs = options.stopGraceMs ?? eventLimits.stopGraceMs;
  const signal = new StopSignal(`${durable} consumer`);
  let stopPulling: (() => void) | undefined;
  let connection: NatsConnection | undefined;

  const ensureDurable = async (jsm: JetStreamManager, stream: string) => {
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: options.filter,
      ack_wait: nanos(ackWaitMs),
      // unbounded: the kit dead-letters after maxDeliveries itself, so nothing is dropped silently
      max_deliver: -1,
    };
    const existing = await jsm.consumers.info(stream, durable).catch((error: unknown) => {
      if (isJetStreamNotFound(error)) return null;
      throw error;
    });
    if (!existing) await jsm.consumers.add(stream, config);
    else if (
      existing.config.filter_subject !== config.filter_subject ||
      existing.config.ack_wait !== config.ack_wait
    )
      await jsm.consumers.update(stream, durable, {
        filter_subject: config.filter_subject,
        ack_wait: config.ack_wait,
      });
  };

  /** Commits the handler's writes with the processed row; false when processed before. */
  const handleOnce = (event: ConsumedEvent<T>) =>
    options.db.transaction(async (tx) => {
      try {
        // also a lock: a concurrent delivery of the same event waits here for this one's outcome
        await tx
          .insert(options.processed)
          .values({ consumer: durable, eventId: event.id, processedAt: new Date() });
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
      // redelivered past the bound with no outcome recorded (a handler outliving ackWait, a crash)
      if (event.deliveryCount > maxDeliveries)
        throw new Error(`delivered ${event.deliveryCount} times without an outcome`);
      await options.handle(event, tx);
      return true;
    });

  const deadLetter = async (nc: NatsConnection, msg: JsMsg, eventId: string, reason: string) => {
    const headers = natsHeaders();
    headers.set(
      'Reel-Dead-Letter-Reason',
      reason.replace(/\s+/g, ' ').slice(0, eventLimits.deadLetterReasonMaxChars),
    );
    headers.set('Reel-Original-Subject', msg.subject);
    headers.set('Reel-Original-Sequence', String(msg.seq));
    headers.set('Reel-Event-Id', eventId);
    headers.set('Reel-Deliveries', String(msg.info.deliveryCount));
    injectNatsHeaders(headers);
    await signal.race(
      nc.jetstream().publish(deadLetterTo, msg.data, {
        headers,
        msgID: `${durable}-${eventId}`,
        timeout: eventLimits.publishTimeoutMs,
      }),
    );
    msg.ack();
    consumed('dead_letter');
    log.error(
      { durable, eventId, subject: msg.subject, deliveries: msg.info.deliveryCount, reason },
      `event dead-lettered to ${deadLetterTo}`,
    );
  };

  const consumed = (outcome: 'processed' | 'repeat' | 'retry' | 'dead_letter') =>
    metrics.eventsConsumed.labels(durable, outcome).inc();

  /** In a consumer span joined to the publisher's trace (its traceparent header), when tracing. */
  const traceMessage = (nc: NatsConnection, msg: JsMsg) =>
    tracingEnabled()
      ? inSpan(
          `process ${durable}`,
          {
            kind: SpanKind.CONSUMER,
            parent: natsParentContext(msg.headers),
            attributes: {
              'messaging.system': 'nats',
              'messaging.destination.name': msg.subject,
              'messaging.consumer.group.name': durable,
              'messaging.message.id': eventIdOf(msg),
            },
          },
          () => processMessage(nc, msg),
        )
      : processMessage(nc, msg);

  const processMessage = async (nc: NatsConnection, msg: JsMsg) => {
    const deliveries = msg.info.deliveryCount;
    const eventId = eventIdOf(msg);
    try {
      let payload: T;
      try {
        payload = options.schema.parse(JSON.parse(msg.string()));
      } catch (error) {
        // no delivery will ever parse it: do not wait for maxDeliveries
        return await deadLetter(nc, msg, eventId, `invalid payload: ${messageOf(error)}`);
      }
      try {
        const first = await handleOnce({
          id: eventId,
          subject: msg.subject,
          payload,
          streamSequence: msg.seq,
          deliveryCount: deliveries,
        });
        if (!first) log.debug({ durable, eventId }, 'event processed before; acked as a no-op');
        consumed(first ? 'processed' : 'repeat');
      } catch (error) {
        if (deliveries >= maxDeliveries)
          return await deadLetter(nc, msg, eventId, messageOf(error));
        log.warn({ err: error, durable, eventId, deliveries }, 'event handler failed; will retry');
        consumed('retry');
        msg.nak(nakDelayMs);
        return;
      }
      msg.ack();
    } catch (error) {
      // dead-lettering failed (NATS down, stopping): it is tried again on the next delivery
      if (!signal.stopped) log.warn({ err: error, durable, eventId }, 'cannot dead-letter yet');
      msg.nak(nakDelayMs);
    }
  };

  const run = (async () => {
    while (!signal.stopped) {
      try {
        const nc = await signal.race(Promise.resolve(options.nats));
        connection = nc;
        const jsm = await signal.race(nc.jetstreamManager());
        const stream = await signal.race(ensureStream(jsm, namespace, options.stream));
        await signal.race(ensureStream(jsm, namespace, deadLetterStream));
        await signal.race(ensureDurable(jsm, stream));
        const consumer = await signal.race(nc.jetstream().consumers.get(stream, durable));
        const messages = await signal.race(
          consumer.consume({ max_messages: eventLimits.pullBatchSize }),
        );
        stopPulling = () => messages.stop();
        if (signal.stopped) messages.stop();
        for await (const msg of messages) {
          // pulled ahead but not started: hand back for another instance, or this one's restart
          if (signal.stopped) msg.nak();
          else await traceMessage(nc, msg);
        }
        if (nc.isClosed() && !signal.stopped) {
          log.error({ durable }, 'NATS connection closed under a running consumer; it stops');
          break;
        }
      } catch (error) {
        if (!signal.stopped) log.warn({ err: error, durable }, 'durable consumer: will retry');
      }
      stopPulling = undefined;
      await signal.sleep(eventLimits.setupRetryMs);
    }
  })();

  return {
    async stop() {
      signal.stop();
      stopPulling?.();
      const finished = await within(
        run.then(() => true),
        stopGraceMs,
      );
      if (!finished) {
        log.warn(
          { durable, stopGraceMs },
          'consumer stopped with a message in hand; it is redelivered',
        );
        return;
      }
      // the last ack is a publish in the client's buffer: the caller may close the connection next
      if (connection && !connection.isClosed())
        await within(
          connection.flush().then(() => true),
          eventLimits.publishTimeoutMs,
        );
    },
  };
}

/** Whether `work` settled well within `ms`; it runs on either way. */
async function within(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

function eventIdOf(msg: JsMsg): string {
  const id = msg.headers?.get('Nats-Msg-Id') || `${msg.info.stream}-${msg.seq}`;
  return id.length <= EVENT_ID_MAX_CHARS
    ? id
    : `sha256-${createHash('sha256').update(id).digest('hex')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
