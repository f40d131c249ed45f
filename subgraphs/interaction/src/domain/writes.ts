import type { CacheBump } from '@reel/common';
import type { WordFilter } from '@reel/moderation';
import type { EventDeps } from '../events';
import type { VideoAuthorDeps } from './video-authors';

/**
 * What every write is handed: the database, the log, the read-through of unknown videos, the
 * outbox's subjects and nudge. Writes run in `inTransaction` (@reel/common), which runs one
 * again when InnoDB rolls it back to break a deadlock (concurrent likes of one video all upsert
 * its counters row), up to limits.writeAttempts.
 */
export interface WriteDeps extends VideoAuthorDeps, EventDeps {
  /** The sensitive-word filter every text written here goes through. */
  words: WordFilter;
  /** After a commit, before answering: what the write changed (README "Caches and consistency"). */
  bumpCache: CacheBump;
}
