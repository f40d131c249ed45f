/**
 * What the interaction subgraph consumes and publishes (contracts in @reel/contracts):
 * - it consumes `video.created` from the VIDEO stream through the durable consumer
 *   `interaction-video-created`, into its video→author projection (video_authors): the row is
 *   written in the transaction that marks the event processed, and the event is acked after it
 *   commits. A redelivered or duplicated event finds its mark (or the row) and changes nothing,
 *   as does one for a video a like already read through (domain/video-authors.ts).
 * - it publishes, through interaction_outbox (written in the transaction that causes the event,
 *   relayed from there): `comment.video.<videoId>` on COMMENT, a comment added or deleted
 *   (domain/comments.ts), which the gateway's realtime edge fans out to live subscribers; and
 *   `danmaku.video.<videoId>` on DANMAKU, a danmaku sent (domain/danmaku.ts).
 */
import {
  consumeDurable,
  type Logger,
  type OutboxRelay,
  startOutboxRelay as startRelay,
  type SqlClient,
  writeEvent,
} from '@reel/common';
import { connectUntilStopped } from '@reel/common/events/connection';
import { StopSignal } from '@reel/common/events/stop-signal';
import { streams, videoComment, type VideoCommentEvent, videoCreated } from '@reel/contracts';
import type { InteractionDb } from './db/queries';
import { interactionOutbox, processedEvents } from './db/schema';
import { recordVideoAuthor } from './domain/video-authors';

/** The durable's name on the VIDEO stream and in interaction_processed_events. */
export const videoCreatedDurable = 'interaction-video-created';

// Events published before video.created carried durationMs are still in long-lived streams (a
// developer's REEL_VIDEO holds some): they are projected with no duration, not dead-lettered.
const videoCreatedAsStored = videoCreated.schema.extend({
  durationMs: videoCreated.schema.shape.durationMs.optional(),
});

export interface VideoCreatedConsumer {
  /** Returns promptly even while NATS is unreachable; unacked events wait in the stream. */
  stop(): Promise<void>;
}

/**
 * Starts feeding the projection from `video.created`, from the stream's first event on (a new
 * durable catches up on every video published before it). NATS need not be up: the consumer
 * connects when it can, and meanwhile likes of new videos read through.
 */
export function consumeVideoCreated(options: {
  natsUrl: string;
  namespace: string;
  db: InteractionDb;
  log: Logger;
}): VideoCreatedConsumer {
  const { db, log, namespace } = options;
  const signal = new StopSignal('interaction NATS connection');
  const nats = connectUntilStopped(signal, options.natsUrl, videoCreatedDurable, log);
  const consumer = consumeDurable({
    nats: nats.connection,
    namespace,
    stream: videoCreated.stream,
    durable: videoCreatedDurable,
    filter: videoCreated.subject(namespace),
    schema: videoCreatedAsStored,
    db,
    processed: processedEvents,
    log,
    handle: async ({ payload }, tx) => {
      await recordVideoAuthor(tx, {
        videoId: Number(payload.id),
        authorId: Number(payload.authorId),
        durationMs: payload.durationMs ?? null,
      });
    },
  });
  return {
    async stop() {
      await consumer.stop();
      signal.stop();
      nats.close();
    },
  };
}

export type { OutboxRelay };

/** What a write needs to leave an event: where it goes, and a nudge for after the commit. */
export interface EventDeps {
  namespace: string;
  /** Tells the outbox relay an event is waiting; call it once the transaction committed. */
  onEventWritten: () => void;
}

/** The relay of interaction_outbox; `nudge` it after a writing transaction commits. */
export function startOutboxRelay(options: {
  db: SqlClient;
  natsUrl: string;
  namespace: string;
  log: Logger;
}): OutboxRelay {
  return startRelay({
    ...options,
    table: interactionOutbox,
    streams: [streams.comment, streams.danmaku],
  });
}

/** Records a comment added to or deleted from a video, inside the transaction that did it. */
export async function writeCommentEvent(
  tx: SqlClient,
  namespace: string,
  event: VideoCommentEvent,
): Promise<void> {
  const payload = videoComment.schema.parse(event);
  await writeEvent(tx, interactionOutbox, {
    subject: videoComment.subject(namespace, payload.videoId),
    payload,
  });
}
