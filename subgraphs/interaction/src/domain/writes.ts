import { isDeadlock } from '@reel/common';
import type { WordFilter } from '@reel/moderation';
import type { Tx } from '../db/queries';
import type { EventDeps } from '../events';
import { limits } from '../limits';
import type { VideoAuthorDeps } from './video-authors';

/** What every write is handed: the database, the log, the read-through of unknown videos, the
 * outbox's subjects and nudge. */
export interface WriteDeps extends VideoAuthorDeps, EventDeps {
  /** The sensitive-word filter every text written here goes through. */
  words: WordFilter;
}

/**
 * One transaction, run again when InnoDB rolls it back to break a deadlock (concurrent likes of
 * one video all upsert its counters row), so no deadlock reaches a client.
 */
export async function inTransaction<T>(deps: WriteDeps, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.db.transaction(work);
    } catch (error) {
      if (!isDeadlock(error) || attempt >= limits.writeAttempts) throw error;
      deps.log.warn({ attempt }, 'deadlock: running the transaction again');
    }
  }
}
