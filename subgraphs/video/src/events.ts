/**
 * What the video subgraph publishes (contracts in @reel/contracts):
 * - `video.created` on the VIDEO stream, for interaction's video→author projection; written to
 *   video_outbox in the publishing transaction (domain/publish.ts) and relayed from there.
 * It consumes nothing.
 */
import {
  type Logger,
  type OutboxRelay,
  startOutboxRelay as startRelay,
  type SqlClient,
} from '@reel/common';
import { streams } from '@reel/contracts';
import { videoOutbox } from './db/schema';

export type { OutboxRelay };

/** The relay of video_outbox; `nudge` it after a publishing transaction commits. */
export function startOutboxRelay(options: {
  db: SqlClient;
  natsUrl: string;
  namespace: string;
  log: Logger;
}): OutboxRelay {
  return startRelay({ ...options, table: videoOutbox, streams: [streams.video] });
}
