/**
 * What the interaction subgraph consumes and publishes (contracts in @reel/contracts):
 * - it consumes `video.created` from the VIDEO stream through the durable consumer
 *   `interaction-video-created`, into its video→author projection (video_authors): the row is
 *   written in the transaction that marks the event processed, and the event is acked after it
 *   commits. A redelivered or duplicated event finds its mark (or the row) and changes nothing,
 *   as does one for a video a like already read through (domain/video-authors.ts).
 * It publishes nothing yet.
 */
import { consumeDurable, type Logger } from '@reel/common';
import { connectUntilStopped } from '@reel/common/events/connection';
import { StopSignal } from '@reel/common/events/stop-signal';
import { videoCreated } from '@reel/contracts';
import type { InteractionDb } from './db/queries';
import { processedEvents } from './db/schema';
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
