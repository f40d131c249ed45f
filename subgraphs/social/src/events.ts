/**
 * What the social subgraph publishes (contracts in @reel/contracts):
 * - `chat.<a>.<b>` (a < b) on the CHAT stream, one per message, for the gateway's realtime edge;
 *   written to social_outbox in the sending transaction (domain/messages.ts) and relayed from
 *   there.
 * It consumes nothing.
 */
import {
  type Logger,
  type OutboxRelay,
  startOutboxRelay as startRelay,
  type SqlClient,
} from '@reel/common';
import { streams } from '@reel/contracts';
import { socialOutbox } from './db/schema';

export type { OutboxRelay };

/** The relay of social_outbox; `nudge` it after a sending transaction commits. */
export function startOutboxRelay(options: {
  db: SqlClient;
  natsUrl: string;
  namespace: string;
  log: Logger;
}): OutboxRelay {
  return startRelay({ ...options, table: socialOutbox, streams: [streams.chat] });
}
