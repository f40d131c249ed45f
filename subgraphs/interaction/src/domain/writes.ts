import { isDeadlock, type Logger } from '@reel/common';
import type { InteractionDb, Tx } from '../db/queries';
import type { EventDeps } from '../events';
import { limits } from '../limits';

export interface WriteDeps extends EventDeps {
  db: InteractionDb;
  log: Logger;
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
