import { appError, inTransaction, requireViewer, type Viewer, writeEvent } from '@reel/common';
import { videoDanmaku } from '@reel/contracts';
import { insertDanmaku } from '../db/queries';
import { type DanmakuRow, interactionOutbox } from '../db/schema';
import { limits } from '../limits';
import type { InteractionLoaders } from '../loaders';
import { contentToStore } from './content';
import { requireVideo } from './video-authors';
import type { WriteDeps } from './writes';

/**
 * The viewer sends a danmaku at `atMs` of a video's timeline. The row and its `videoDanmaku`
 * event (the realtime edge's cue) are written in one transaction; a blocked word, an atMs off
 * the timeline or an unknown video writes neither.
 */
export async function sendDanmaku(
  deps: WriteDeps,
  viewer: Viewer | null,
  input: { videoId: number; content: string; atMs: number },
): Promise<DanmakuRow> {
  const author = requireViewer(viewer);
  const content = contentToStore(deps.words, input.content, {
    noun: 'danmaku',
    maxChars: limits.danmakuMaxChars,
  });
  if (!Number.isSafeInteger(input.atMs) || input.atMs < 0)
    throw appError('BAD_USER_INPUT', 'atMs must be at least 0', { field: 'atMs' });
  // before the transaction: an unprojected video reads through to the supergraph (over HTTP)
  const video = await requireVideo(deps, input.videoId);
  // null: projected before durations were carried; any moment is taken rather than none
  if (video.durationMs !== null && input.atMs > video.durationMs)
    throw appError(
      'BAD_USER_INPUT',
      `atMs must be within the video, from 0 to ${video.durationMs} ms`,
      {
        field: 'atMs',
      },
    );
  const danmaku = await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      const row = await insertDanmaku(tx, {
        videoId: input.videoId,
        authorId: author.id,
        content,
        atMs: input.atMs,
        createdAt: new Date(),
      });
      await writeEvent(tx, interactionOutbox, {
        subject: videoDanmaku.subject(deps.namespace, row.videoId),
        payload: videoDanmaku.schema.parse({ id: String(row.id), videoId: String(row.videoId) }),
        createdAt: row.createdAt,
      });
      return row;
    },
    { attempts: limits.writeAttempts },
  );
  deps.onEventWritten();
  return danmaku;
}

/**
 * One window of a video's timeline (see Video.danmaku in the SDL): batched with every other
 * video of the request. BAD_USER_INPUT for a window that starts before 0, ends before it starts
 * or spans more than limits.danmakuWindow.maxMs.
 */
export function danmakuOfVideo(
  danmakuWindows: InteractionLoaders['danmakuWindows'],
  videoId: number,
  fromMs: number | null | undefined,
  toMs: number | null | undefined,
): Promise<DanmakuRow[]> {
  const { maxMs } = limits.danmakuWindow;
  const from = fromMs ?? 0;
  const to = toMs ?? from + maxMs;
  if (from < 0) throw appError('BAD_USER_INPUT', 'fromMs must be at least 0', { field: 'fromMs' });
  if (to < from)
    throw appError('BAD_USER_INPUT', 'toMs must not be before fromMs', { field: 'toMs' });
  if (to - from > maxMs)
    throw appError('BAD_USER_INPUT', `A danmaku window spans at most ${maxMs} ms`, {
      field: 'toMs',
    });
  return danmakuWindows.load({ videoId, fromMs: from, toMs: to });
}
