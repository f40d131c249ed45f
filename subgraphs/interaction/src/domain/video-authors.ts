import { appError } from '@reel/common';
import {
  authorOfVideo,
  type InteractionDb,
  insertVideoAuthor,
  projectedVideo,
  type Tx,
} from '../db/queries';

/**
 * Records a video and its author in this subgraph's projection: what the `video.created`
 * consumer does with each event. Idempotent, as a redelivered event must be.
 */
export async function recordVideoAuthor(
  db: InteractionDb,
  video: { videoId: number; authorId: number; durationMs?: number | null },
): Promise<void> {
  await insertVideoAuthor(db, video);
}

/**
 * The author of a video this subgraph knows of. A video the projection has not seen is unknown
 * here, NOT_FOUND: interaction may not read the video subgraph's tables.
 */
export async function requireVideoAuthor(tx: Tx, videoId: number): Promise<number> {
  const authorId = await authorOfVideo(tx, videoId);
  if (authorId === null) throw appError('NOT_FOUND', 'No such video', { field: 'videoId' });
  return authorId;
}

/**
 * A video this subgraph knows of, as requireVideoAuthor, with its length when the projection
 * has it (durationMs null: a row projected before durations were carried).
 */
export async function requireProjectedVideo(
  tx: Tx,
  videoId: number,
): Promise<{ authorId: number; durationMs: number | null }> {
  const video = await projectedVideo(tx, videoId);
  if (!video) throw appError('NOT_FOUND', 'No such video', { field: 'videoId' });
  return video;
}
