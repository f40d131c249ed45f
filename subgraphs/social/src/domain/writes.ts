import { isDeadlock, isDuplicateKey, type Logger } from '@reel/common';
import type { SocialDb, Tx } from '../db/queries';
import { limits } from '../limits';

export interface WriteDeps {
  db: SocialDb;
  log: Logger;
}

/**
 * One transaction, run again when InnoDB rolls it back to break a deadlock (concurrent follows
 * upsert the same counters rows; the first messages of a conversation take the same gap lock), or
 * when `retryDuplicates` and a concurrent write took the unique value this one chose (a
 * conversation's millisecond). No deadlock reaches a client.
 */
export async function inTransaction<T>(
  deps: WriteDeps,
  work: (tx: Tx) => Promise<T>,
  { retryDuplicates = false } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.db.transaction(work);
    } catch (error) {
      const retryable = isDeadlock(error) || (retryDuplicates && isDuplicateKey(error));
      if (!retryable || attempt >= limits.writeAttempts) throw error;
      deps.log.warn({ attempt }, 'write conflict: running the transaction again');
    }
  }
}
