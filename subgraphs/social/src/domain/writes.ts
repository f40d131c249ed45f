import type { CacheBump, Logger } from '@reel/common';
import type { SocialDb } from '../db/queries';

/**
 * What every write is handed. Writes run in `inTransaction` (@reel/common), which runs one again
 * when InnoDB rolls it back to break a deadlock (concurrent follows upsert the same counters
 * rows; the first messages of a conversation take the same gap lock), up to
 * limits.writeAttempts; a message also when a concurrent one took the conversation's
 * millisecond it chose (`retryDuplicates`).
 */
export interface WriteDeps {
  db: SocialDb;
  log: Logger;
  /** After a commit, before answering: what the write changed (README "Caches and consistency"). */
  bumpCache: CacheBump;
}
