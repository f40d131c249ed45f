import { appError } from '@reel/common';
import { type VideoDb, videosBefore, videosOfAuthorBefore } from '../db/queries';
import type { VideoRow } from '../db/schema';
import { limits } from '../limits';

const SECONDS_BELOW = 1e11; // a latest_time under this is seconds (1e11 s is the year 5138)

/**
 * The feed cursor: absent, 0, negative or NaN means now; seconds become ms; the future is
 * clamped to now. The app echoes next_time back, and `<` (not `<=`) never repeats a video.
 */
export function feedCursor(latestTime: number | null | undefined, nowMs = Date.now()): number {
  const t = Number(latestTime ?? 0);
  if (!Number.isFinite(t) || t <= 0) return nowMs;
  const ms = t < SECONDS_BELOW ? t * 1000 : t;
  return Math.min(Math.floor(ms), nowMs);
}

export function pageSize(first: number | null | undefined, max: number, fallback = max): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max)
    throw appError('BAD_USER_INPUT', `first must be between 1 and ${max}`);
  return size;
}

export interface FeedPageModel {
  videos: VideoRow[];
  nextTime: number;
}

export async function feedPage(
  db: VideoDb,
  latestTime: number | null | undefined,
  first: number | null | undefined,
): Promise<FeedPageModel> {
  const nowMs = Date.now();
  const rows = await videosBefore(
    db,
    new Date(feedCursor(latestTime, nowMs)),
    pageSize(first, limits.feedMaxPage),
  );
  const oldest = rows.at(-1);
  // an empty page answers now, so the client's next call starts over from the newest video
  return { videos: rows, nextTime: oldest ? oldest.createdAt.getTime() : nowMs };
}

export interface VideoConnectionModel {
  edges: { cursor: string; node: VideoRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const encodeCursor = (video: VideoRow) =>
  Buffer.from(`v1:${video.createdAt.getTime()}`).toString('base64url');

function decodeCursor(cursor: string | null | undefined): Date | null {
  if (!cursor) return null;
  const match = /^v1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) throw appError('BAD_USER_INPUT', 'after is not a cursor from this API');
  return new Date(Number(match[1]));
}

export async function videosOfAuthor(
  db: VideoDb,
  authorId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<VideoConnectionModel> {
  const size = pageSize(first, limits.videosMaxPage, 10);
  const rows = await videosOfAuthorBefore(db, authorId, decodeCursor(after), size + 1);
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(last) : null },
  };
}
