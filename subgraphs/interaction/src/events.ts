/**
 * What the interaction subgraph publishes (contracts in @reel/contracts), written to
 * interaction_outbox in the transaction that causes it and relayed from there:
 * - `comment.video.<videoId>` on COMMENT, a comment added or deleted (domain/comments.ts), which
 *   the gateway's realtime edge fans out to live subscribers;
 * - `danmaku.video.<videoId>` on DANMAKU, a bullet comment sent.
 */
import {
  type Logger,
  type OutboxRelay,
  startOutboxRelay as startRelay,
  type SqlClient,
  writeEvent,
} from '@reel/common';
import { streams, videoComment, type VideoCommentEvent } from '@reel/contracts';
import { interactionOutbox } from './db/schema';

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
