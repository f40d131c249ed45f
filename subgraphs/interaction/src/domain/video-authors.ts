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
  const projected = await projectedVideo(deps.db, videoId);
  if (projected) return projected;
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
