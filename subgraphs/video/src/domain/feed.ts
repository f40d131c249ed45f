import {
  type Connection,
  type CursorPosition,
  decodeCursor,
  pageSize,
  toConnection,
} from '@reel/common';
import { type VideoDb, videosBefore } from '../db/queries';
import type { VideoRow } from '../db/schema';
import { limits } from '../limits';
import type { VideoLoaders } from '../loaders';

export type VideoConnectionModel = Connection<VideoRow>;

/** Where a video sits in every newest-first list of videos; its cursor. */
export const videoPosition = (video: VideoRow): CursorPosition => ({
  ms: video.createdAt.getTime(),
  id: video.id,
});

/**
 * Every video, newest first. `after` may be a video's cursor or one made for an instant
 * (cursorBefore, what compat-rest sends for latest_time): either way the page starts strictly
 * before its millisecond, which only that video can hold (videos_created_at_unique).
 */
export async function feedPage(
  db: VideoDb,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<VideoConnectionModel> {
  const size = pageSize(first, limits.feedPage);
  const position = decodeCursor(after);
  const rows = await videosBefore(db, position && new Date(position.ms), size + 1);
  return toConnection(rows, size, videoPosition);
}

/** One author's videos, newest first: batched with every other author of the request. */
export function videosOfAuthor(
  videosByAuthor: VideoLoaders['videosByAuthor'],
  authorId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<VideoConnectionModel> {
  return videosByAuthor.load({
    parentId: authorId,
    first: pageSize(first, limits.videosPage),
    after: decodeCursor(after),
  });
}
