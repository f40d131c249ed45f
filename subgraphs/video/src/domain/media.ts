import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ffmpegPath from '@ffmpeg-installer/ffmpeg';
import ffprobePath from '@ffprobe-installer/ffprobe';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { appError, withDeadline } from '@reel/common';
import { limits } from '../limits';

ffmpeg.setFfmpegPath(ffmpegPath.path);
ffmpeg.setFfprobePath(ffprobePath.path);

export interface VideoFormat {
  contentType: string;
  extension: string;
}

/** Recognises a video container from its first bytes; the name and declared type are not trusted. */
export function sniffVideo(head: Buffer): VideoFormat | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    return brand === 'qt  '
      ? { contentType: 'video/quicktime', extension: 'mov' }
      : { contentType: 'video/mp4', extension: 'mp4' };
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
    return head.includes(Buffer.from('webm'))
      ? { contentType: 'video/webm', extension: 'webm' }
      : { contentType: 'video/x-matroska', extension: 'mkv' };
  }
  return null;
}

export interface StagedFile {
  bytes: number;
  head: Buffer;
}

/**
 * Streams an upload to a local file, never holding it in memory; refuses past `maxBytes`
 * (PAYLOAD_TOO_LARGE) and keeps the first bytes for sniffing.
 */
export async function stageUpload(
  source: Readable,
  target: string,
  maxBytes: number,
): Promise<StagedFile> {
  let bytes = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(
          appError(
            'PAYLOAD_TOO_LARGE',
            `The video exceeds the ${Math.floor(maxBytes / 1024 / 1024)} MiB limit`,
          ),
        );
        return;
      }
      if (head.length < limits.sniffBytes)
        head = Buffer.concat([head, chunk.subarray(0, limits.sniffBytes - head.length)]);
      done(null, chunk);
    },
  });
  // a multipart parser at its limit truncates the stream and says so with 'limit'
  source.once('limit', () =>
    source.destroy(appError('PAYLOAD_TOO_LARGE', 'The upload exceeds the size limit')),
  );
  try {
    await pipeline(source, meter, createWriteStream(target));
  } catch (error) {
    throw coded(error);
  }
  return { bytes, head };
}

export interface ProbedVideo {
  durationMs: number;
  width: number;
  height: number;
}

/** Proves with ffprobe that the file holds a decodable video stream. */
export async function probeVideo(file: string): Promise<ProbedVideo> {
  const probing = new Promise<ffmpeg.FfprobeData>((resolve, reject) => {
    ffmpeg.ffprobe(file, ['-v', 'error'], (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  const data = await withDeadline(
    probing,
    limits.mediaToolTimeoutSeconds * 1000,
    'ffprobe timed out',
  ).catch(() => {
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a readable video');
  });
  const stream = data.streams.find(
    (s) => s.codec_type === 'video' && (s.width ?? 0) > 0 && (s.height ?? 0) > 0,
  );
  if (!stream?.width || !stream.height)
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'The file has no video stream');
  const seconds = Number(data.format.duration ?? stream.duration ?? 0);
  const rotated = Math.abs(Number(stream.tags?.rotate ?? 0)) % 180 === 90;
  return {
    durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0,
    width: rotated ? stream.height : stream.width,
    height: rotated ? stream.width : stream.height,
  };
}

/** Grabs one frame (a third of the way in, at most 1 s) as PNG; falls back to the first frame. */
export async function extractFrame(
  file: string,
  durationMs: number,
  target: string,
): Promise<void> {
  const at = Math.min(1, durationMs / 3000);
  try {
    await grabFrame(file, at, target);
  } catch {
    await grabFrame(file, 0, target).catch(() => {
      throw appError('UNSUPPORTED_MEDIA_TYPE', 'No frame could be decoded from the video');
    });
  }
}

function grabFrame(file: string, atSeconds: number, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // fluent-ffmpeg kills the process when the timeout passes (a pathological file)
    ffmpeg(file, { timeout: limits.mediaToolTimeoutSeconds })
      .seekInput(atSeconds)
      .outputOptions(['-frames:v 1', '-an', '-f image2', '-vcodec png'])
      .output(target)
      .on('end', () => resolve())
      .on('error', reject)
      .run();
  });
}

/** Encodes the frame as a JPEG cover and a small WebP thumbnail. */
export async function encodeCover(
  frame: string,
  coverTarget: string,
  thumbnailTarget: string,
): Promise<void> {
  const image = sharp(frame).rotate();
  await Promise.all([
    image
      .clone()
      .resize({ width: limits.coverMaxWidth, withoutEnlargement: true })
      .jpeg({ quality: limits.coverJpegQuality, mozjpeg: true })
      .toFile(coverTarget),
    image
      .clone()
      .resize({ width: limits.thumbnailWidth, withoutEnlargement: true })
      .webp({ quality: limits.thumbnailWebpQuality })
      .toFile(thumbnailTarget),
  ]);
}

/** Upload failures as coded errors: too large, or cut short by the client. */
export function coded(error: unknown): unknown {
  if (error && typeof error === 'object' && 'extensions' in error) return error;
  // graphql-upload-minimal fails the stream with status 413 when the request passes its limit
  if (
    error &&
    typeof error === 'object' &&
    ((error as { status?: number }).status === 413 ||
      /exceeds|truncated/i.test(String((error as Error).message)))
  ) {
    return appError('PAYLOAD_TOO_LARGE', 'The upload exceeds the size limit');
  }
  return appError('BAD_USER_INPUT', 'The upload was interrupted before it completed');
}
