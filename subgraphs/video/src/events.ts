/**
 * What the video subgraph publishes: `<ns>.video.created` {id, authorId, createdAt, createdAtMs}
 * on the JetStream stream `<NS>_VIDEO`, for the interaction subgraph's video→author projection.
 *
 * Events are written to video_outbox in the publishing transaction and relayed from there, so a
 * crash or a NATS outage loses nothing. Each event is sent with Nats-Msg-Id = its outbox id, so a
 * re-send (a relay that crashed between publish and mark, two relays racing) is dropped by
 * JetStream's duplicate window instead of delivered twice.
 */
import { type JetStreamClient, nanos, type NatsConnection } from 'nats';
import { connectNats, type Logger, streamName, subject } from '@reel/common';
import { markOutboxPublished, pendingOutboxEvents, type VideoDb } from './db/queries';
import { outbox } from './limits';

export const videoCreatedSubject = (namespace: string) => subject(namespace, 'video.created');
export const videoStream = (namespace: string) => streamName(namespace, 'VIDEO');

export interface VideoCreatedEvent {
  id: string;
  authorId: string;
  createdAt: string;
  createdAtMs: number;
}

export async function ensureVideoStream(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const config = {
    subjects: [subject(namespace, 'video.>')],
    duplicate_window: nanos(outbox.duplicateWindowMs),
  };
  try {
    await jsm.streams.info(videoStream(namespace));
  } catch {
    await jsm.streams.add({ name: videoStream(namespace), ...config });
  }
}

export interface OutboxRelay {
  /** Relay now rather than at the next poll (called after a publishing transaction commits). */
  nudge(): void;
  stop(): Promise<void>;
}

export function startOutboxRelay(options: {
  db: VideoDb;
  natsUrl: string;
  namespace: string;
  log: Logger;
}): OutboxRelay {
  const { db, log } = options;
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | undefined;
  let stopWaiting: () => void = () => undefined;
  const stopping = new Promise<never>((_, reject) => {
    stopWaiting = () => reject(new Error('outbox relay stopped'));
  });
  stopping.catch(() => undefined);
  const connection = connectNats(options.natsUrl, 'video-outbox-relay');
  connection.catch((error: unknown) =>
    log.error({ err: error }, 'outbox relay cannot connect to NATS'),
  );

  let js: JetStreamClient | undefined;
  const jetStream = async () => {
    if (js) return js;
    // NATS may be unreachable for a long time: never let that block stop()
    const nc = await Promise.race([connection, stopping]);
    await ensureVideoStream(nc, options.namespace);
    js = nc.jetstream();
    return js;
  };

  const relayBatch = async (): Promise<number> => {
    const pending = await pendingOutboxEvents(db, outbox.batchSize);
    if (pending.length === 0) return 0;
    const client = await jetStream();
    for (const event of pending) {
      if (stopped) break;
      await client.publish(event.subject, event.payload, {
        msgID: `video-outbox-${event.id}`,
        timeout: outbox.publishTimeoutMs,
      });
      await markOutboxPublished(db, event.id, new Date());
    }
    return pending.length;
  };

  const loop = (async () => {
    while (!stopped) {
      nudged = false;
      let relayed = 0;
      try {
        relayed = await relayBatch();
      } catch (error) {
        if (!stopped) log.warn({ err: error }, 'outbox relay: will retry');
      }
      // a full batch or a nudge that came in meanwhile: go again at once
      if (stopped || relayed === outbox.batchSize || nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, outbox.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    nudge: () => {
      nudged = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      stopWaiting();
      wake?.();
      await loop;
      // a connection still being attempted is closed whenever it comes up
      void connection.then((nc) => nc.close()).catch(() => undefined);
    },
  };
}
