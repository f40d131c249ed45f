import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileUpload } from 'graphql-upload-minimal';
import {
  appError,
  type CacheBump,
  cacheKeys,
  inTransaction,
  type Logger,
  type MediaStore,
  requireViewer,
  Semaphore,
  type Viewer,
  writeEvent,
} from '@reel/common';
import { videoCreated } from '@reel/contracts';
import { insertVideo, latestCreatedAtForUpdate, type VideoDb } from '../db/queries';
import { videoOutbox, type VideoRow } from '../db/schema';
import { limits } from '../limits';
import { coded, encodeCover, extractFrame, probeVideo, sniffVideo, stageUpload } from './media';

export interface PublishDeps {
  db: VideoDb;
  log: Logger;
  store: MediaStore;
  /** This process's staging directory (staging.ts); an upload's scratch never outlives its request. */
  workDir: string;
  maxUploadBytes: number;
  namespace: string;
  /** Tells the outbox relay an event is waiting. */
  onEventWritten: () => void;
  /** After a commit, before answering: what the write changed (README "Caches and consistency"). */
  bumpCache: CacheBump;
}

// ffprobe, ffmpeg and sharp are CPU-bound: a burst of uploads queues instead of thrashing
const mediaWork = new Semaphore(limits.mediaConcurrency);

export function validateTitle(title: string): string {
  const trimmed = title.trim();
  const chars = [...trimmed].length;
  if (chars === 0) throw appError('BAD_USER_INPUT', 'title must not be empty', { field: 'title' });
  if (chars > limits.titleMaxChars)
    throw appError('BAD_USER_INPUT', `title must be at most ${limits.titleMaxChars} characters`, {
      field: 'title',
    });
  return trimmed;
}

/**
 * Checks, processes and stores an upload, then records the video and its `video.created` event
 * in one transaction. Any failure leaves no row, no file and no event behind.
 */
export async function publishVideo(
  deps: PublishDeps,
  viewer: Viewer | null,
  rawTitle: string,
  upload: Promise<FileUpload>,
): Promise<VideoRow> {
  const author = requireViewer(viewer);
  const title = validateTitle(rawTitle);
  const file = await upload.catch((error: unknown) => {
    throw coded(error);
  });

  const scratch = path.join(deps.workDir, randomUUID());
  await mkdir(scratch, { recursive: true });
  const stored: string[] = [];
  try {
    const original = path.join(scratch, 'upload');
    const staged = await stageUpload(readUpload(file), original, deps.maxUploadBytes);
    if (staged.bytes === 0)
      throw appError('BAD_USER_INPUT', 'The uploaded file is empty', { field: 'file' });
    const format = sniffVideo(staged.head);
    if (!format)
      throw appError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The file is not a supported video (MP4, MOV, WebM or Matroska)',
      );
    const cover = path.join(scratch, 'cover.jpg');
    const thumbnail = path.join(scratch, 'thumbnail.webp');
    const probed = await mediaWork.run(async () => {
      const facts = await probeVideo(original, format);
      const frame = path.join(scratch, 'frame.png');
      await extractFrame(original, format, facts.durationMs, frame);
      await encodeCover(frame, cover, thumbnail);
      return facts;
    });

    const id = randomUUID();
    const shard = id.slice(0, 2);
    const keys = {
      playKey: `videos/${shard}/${id}.${format.extension}`,
      coverKey: `covers/${shard}/${id}.jpg`,
      thumbnailKey: `thumbnails/${shard}/${id}.webp`,
    };
    for (const [key, local] of [
      [keys.playKey, original],
      [keys.coverKey, cover],
      [keys.thumbnailKey, thumbnail],
    ] as const) {
      await deps.store.putFile(key, local);
      stored.push(key);
    }

    const video = await recordVideo(deps, {
      authorId: author.id,
      title,
      ...keys,
      contentType: format.contentType,
      sizeBytes: staged.bytes,
      ...probed,
    });
    deps.onEventWritten();
    // the feed has a new newest video; its author a new workCount
    await deps.bumpCache([cacheKeys.feed, cacheKeys.user(author.id)]);
    return video;
  } catch (error) {
    await Promise.allSettled(stored.map((key) => deps.store.delete(key)));
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The upload's stream; graphql-upload-minimal throws a stored error (413, client gone) here. */
function readUpload(file: FileUpload) {
  try {
    return file.createReadStream();
  } catch (error) {
    throw coded(error);
  }
}

/** Inserts the row and its outbox event together, claiming a created_at millisecond of its own. */
async function recordVideo(
  deps: PublishDeps,
  values: Omit<VideoRow, 'id' | 'createdAt'>,
): Promise<VideoRow> {
  // another publish took the same millisecond, or InnoDB broke a lock cycle: try again
  return inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      const latest = await latestCreatedAtForUpdate(tx);
      const createdAt = new Date(Math.max(Date.now(), (latest?.getTime() ?? 0) + 1));
      const video = await insertVideo(tx, { ...values, createdAt });
      await writeEvent(tx, videoOutbox, {
        subject: videoCreated.subject(deps.namespace),
        payload: videoCreated.schema.parse({
          id: String(video.id),
          authorId: String(video.authorId),
          createdAt: createdAt.toISOString(),
          createdAtMs: createdAt.getTime(),
          durationMs: video.durationMs,
        }),
        createdAt,
      });
      return video;
    },
    { attempts: limits.createdAtRetries, retryDuplicates: true },
  );
}
