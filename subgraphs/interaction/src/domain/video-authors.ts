import { appError, type Logger } from '@reel/common';
import { type InteractionDb, projectedVideo, type Tx, upsertVideoAuthor } from '../db/queries';
import type { VideoAuthorRow } from '../db/schema';

/** A video as the video subgraph describes it; what the projection keeps of it. */
export interface VideoFacts {
  videoId: number;
  authorId: number;
  durationMs: number;
}

/**
 * Asks the supergraph about a video the projection has not seen (video-lookup.ts): null when no
 * such video exists; throws UNAVAILABLE when the supergraph does not answer.
 */
export type LookUpVideo = (videoId: number) => Promise<VideoFacts | null>;

export interface VideoAuthorDeps {
  db: InteractionDb;
  log: Logger;
  lookUpVideo: LookUpVideo;
  /** Projection rows this process has read that can no longer change: see FinalVideoRows. */
  finalVideoRows: FinalVideoRows;
}

/**
 * Projection rows that can no longer change, kept in process memory so that a like or comment
 * of a video read before costs no SELECT. A row is final once it has its duration: its author
 * never changes, no video is ever deleted (no API or event removes one; should one appear, its
 * event must drop the row here), and upsertVideoAuthor only fills a missing duration. So no
 * write invalidates an entry; a row still without its duration is read again each time.
 * Bounded by limits.finalVideoRows, the oldest stored going first.
 */
export class FinalVideoRows {
  private readonly rows = new Map<number, VideoAuthorRow>();

  constructor(private readonly maxEntries: number) {}

  get(videoId: number): VideoAuthorRow | undefined {
    return this.rows.get(videoId);
  }

  remember(row: VideoAuthorRow): void {
    if (row.durationMs === null || this.rows.has(row.videoId)) return;
    this.rows.set(row.videoId, row);
    if (this.rows.size > this.maxEntries) {
      const oldest = this.rows.keys().next().value;
      if (oldest !== undefined) this.rows.delete(oldest);
    }
  }
}

/**
 * Records a video and its author in this subgraph's projection: what the `video.created`
 * consumer does with each event (events.ts), and the read-through below. Idempotent, as a
 * redelivered event must be; whichever of the two comes second changes nothing.
 */
export async function recordVideoAuthor(
  db: InteractionDb | Tx,
  video: { videoId: number; authorId: number; durationMs: number | null },
): Promise<void> {
  await upsertVideoAuthor(db, video);
}

/**
 * A video this subgraph may be liked or commented on, with its author (credited with the like's
 * totalFavorited). The projection is fed by the durable `video.created` stream, normally within
 * milliseconds of the publish, but a client can act on a brand-new video first. So when the
 * projection lacks the video, this reads through: it asks the supergraph (the video subgraph
 * owns videos, and interaction may not read its tables), records what it learns as the event
 * would, and goes on; the event arriving later is a no-op. NOT_FOUND when no such video exists
 * anywhere, UNAVAILABLE when the supergraph cannot say. Called before a write's transaction, so
 * no transaction waits on HTTP.
 */
export async function requireVideo(
  deps: VideoAuthorDeps,
  videoId: number,
): Promise<VideoAuthorRow> {
  const final = deps.finalVideoRows.get(videoId);
  if (final) return final;
  const projected = await projectedVideo(deps.db, videoId);
  if (projected) {
    deps.finalVideoRows.remember(projected);
    return projected;
  }
  const video = await deps.lookUpVideo(videoId);
  if (!video) throw appError('NOT_FOUND', 'No such video', { field: 'videoId' });
  deps.log.info({ videoId }, 'video read through ahead of its video.created event');
  await recordVideoAuthor(deps.db, video);
  return video;
}

/**
 * The author of a video the projection knows, read in the caller's transaction, with no
 * read-through: for videos known to be projected already (one that has a comment was, before
 * the comment was written).
 */
export async function requireVideoAuthor(tx: Tx, videoId: number): Promise<number> {
  const projected = await projectedVideo(tx, videoId);
  if (!projected) throw appError('NOT_FOUND', 'No such video', { field: 'videoId' });
  return projected.authorId;
}
