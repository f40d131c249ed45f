import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { appError } from '@reel/common';
import { limits } from '../limits';
import { probeMedia, runFfmpeg } from './media-tool';

export interface VideoFormat {
  contentType: string;
  extension: string;
  /** The one ffmpeg demuxer ffprobe and ffmpeg may read it with (see `hostileInputGuards`). */
  demuxer: 'mov' | 'matroska';
}

/** Recognises a video container from its first bytes; the name and declared type are not trusted. */
export function sniffVideo(head: Buffer): VideoFormat | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    return brand === 'qt  '
      ? { contentType: 'video/quicktime', extension: 'mov', demuxer: 'mov' }
      : { contentType: 'video/mp4', extension: 'mp4', demuxer: 'mov' };
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
    return head.includes(Buffer.from('webm'))
      ? { contentType: 'video/webm', extension: 'webm', demuxer: 'matroska' }
      : { contentType: 'video/x-matroska', extension: 'mkv', demuxer: 'matroska' };
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

/**
 * All of ffprobe's answer that is read here, and all it is asked to print: fluent-ffmpeg keeps the
 * whole of ffprobe's output in memory, and -show_entries after its -show_streams -show_format
 * narrows them (an empty list prints nothing of that section).
 */
const probedEntries = [
  'stream=codec_type,width,height,duration,avg_frame_rate',
  'stream_tags=rotate',
  'stream_disposition=',
  'stream_side_data=',
  'format=duration',
  'format_tags=',
].join(':');

/** What the limits are checked against: as stored in the stream, before any rotation. */
export interface MediaFacts {
  width: number;
  height: number;
  /** 0 when the container states none (a browser's WebM recording). */
  durationMs: number;
  /** Average frames per second; 0 when the container states none. */
  frameRate: number;
}

/**
 * Input options that keep ffprobe and ffmpeg to the uploaded file itself: the demuxer the sniff
 * chose, never one ffmpeg guesses (HLS, concat, image2 and the like open other URLs named inside
 * the file: an .m3u8 or an AVI carrying one could read /etc/passwd into a frame or reach a
 * service on this machine), and only the `file` protocol (no http, tcp or data), for the input
 * and anything a demuxer would open beside it. The mov demuxer's external references (drefs)
 * are off by default and stay off.
 */
export function hostileInputGuards(format: VideoFormat): string[] {
  // fluent-ffmpeg's "-option value" form; ffprobe's argument list takes them split
  return [`-f ${format.demuxer}`, '-protocol_whitelist file'];
}

/**
 * Proves with ffprobe that the file holds a video stream within the limits. Nothing is decoded:
 * `-skip_frame all` keeps ffprobe to the headers (without it, ffprobe decodes H.264 frames to fill
 * in stream details, and a 16000×16000 frame costs it 600 MB).
 */
export async function probeVideo(file: string, format: VideoFormat): Promise<ProbedVideo> {
  const answer = await probeMedia(file, [
    ...hostileInputGuards(format).flatMap((option) => option.split(' ')),
    // nothing of stderr is read, and fluent-ffmpeg would keep all of it
    '-v',
    'quiet',
    '-skip_frame',
    'all',
    '-threads',
    '1',
    '-show_entries',
    probedEntries,
  ]).catch(() => {
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a readable video');
  });
  const stream = answer.streams.find(
    (s) => s.codec_type === 'video' && (s.width ?? 0) > 0 && (s.height ?? 0) > 0,
  );
  if (!stream?.width || !stream.height)
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'The file has no video stream');
  const durationMs = milliseconds(answer.format.duration) ?? milliseconds(stream.duration) ?? 0;
  checkMediaLimits({
    width: stream.width,
    height: stream.height,
    durationMs,
    frameRate: frameRate(stream.avg_frame_rate),
  });
  const rotated = Math.abs(Number(stream.tags?.rotate ?? 0)) % 180 === 90;
  return {
    durationMs,
    width: rotated ? stream.height : stream.width,
    height: rotated ? stream.width : stream.height,
  };
}

/** ffprobe prints "N/A" for a duration it does not know. */
function milliseconds(seconds: number | string | undefined): number | undefined {
  const value = Number(seconds);
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
}

/** ffprobe states rates as a fraction ("30000/1001"); "0/0" means unknown. */
function frameRate(fraction: string | undefined): number {
  const [numerator, denominator] = (fraction ?? '').split('/').map(Number);
  const rate = (numerator ?? 0) / (denominator ?? 1);
  return Number.isFinite(rate) && rate > 0 ? rate : 0;
}

/** Refuses a video over any limit of limits.ts, naming the limit (UNSUPPORTED_MEDIA_TYPE). */
export function checkMediaLimits(facts: MediaFacts): void {
  const refuse = (limit: string, message: string) => {
    throw appError('UNSUPPORTED_MEDIA_TYPE', message, { field: 'file', limit });
  };
  const { width, height, durationMs, frameRate: fps } = facts;
  if (width > limits.maxVideoWidth)
    refuse(
      'maxVideoWidth',
      `The video is ${width} pixels wide; at most ${limits.maxVideoWidth} are accepted`,
    );
  if (height > limits.maxVideoHeight)
    refuse(
      'maxVideoHeight',
      `The video is ${height} pixels high; at most ${limits.maxVideoHeight} are accepted`,
    );
  if (width * height > limits.maxVideoPixels)
    refuse(
      'maxVideoPixels',
      `The video has ${width}×${height} pixels per frame; at most ${limits.maxVideoPixels} (4096×2160) are accepted`,
    );
  if (durationMs > limits.maxVideoDurationSeconds * 1000)
    refuse(
      'maxVideoDurationSeconds',
      `The video lasts ${Math.round(durationMs / 1000)} seconds; at most ${limits.maxVideoDurationSeconds} are accepted`,
    );
  if (fps > limits.maxVideoFrameRate)
    refuse(
      'maxVideoFrameRate',
      `The video runs at ${Math.round(fps)} frames per second; at most ${limits.maxVideoFrameRate} are accepted`,
    );
}

/** Grabs one frame (a third of the way in, at most 1 s) as PNG; falls back to the first frame. */
export async function extractFrame(
  file: string,
  format: VideoFormat,
  durationMs: number,
  target: string,
): Promise<void> {
  const at = Math.min(1, durationMs / 3000);
  try {
    await grabFrame(file, format, at, target);
  } catch {
    await grabFrame(file, format, 0, target).catch(() => {
      throw appError('UNSUPPORTED_MEDIA_TYPE', 'No frame could be decoded from the video');
    });
  }
}

/** ffmpeg exits 0 without writing a frame when the seek passes the last one: the file is the proof. */
async function grabFrame(
  file: string,
  format: VideoFormat,
  atSeconds: number,
  target: string,
): Promise<void> {
  await runFfmpeg(file, (command) =>
    command
      // one decoding thread (each thread holds frames of its own), and no frame larger than the
      // probe allowed, whatever size the container stated
      .inputOptions([
        ...hostileInputGuards(format),
        '-nostdin',
        '-v error',
        '-threads 1',
        `-max_pixels ${limits.decoderMaxPixels}`,
      ])
      .seekInput(atSeconds)
      // covers are at most coverMaxWidth wide: shrink before the PNG encoder and sharp see it
      .videoFilters(`scale=w=min(iw\\,${limits.coverMaxWidth}):h=-1`)
      .outputOptions([
        '-threads 1',
        '-filter_threads 1',
        '-frames:v 1',
        '-an',
        '-f image2',
        '-vcodec png',
      ])
      .output(target),
  );
  await stat(target);
}

/** Encodes the frame as a JPEG cover and a small WebP thumbnail. */
export async function encodeCover(
  frame: string,
  coverTarget: string,
  thumbnailTarget: string,
): Promise<void> {
  // the frame was scaled by ffmpeg; the limit stops anything else from decoding a huge image:
  // sharp reads the header, and refuses before allocating or decoding a single pixel
  const image = sharp(frame, { limitInputPixels: limits.maxVideoPixels }).rotate();
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
  ]).catch((error: unknown) => {
    if (/exceeds pixel limit/.test(String((error as Error).message)))
      throw appError(
        'UNSUPPORTED_MEDIA_TYPE',
        `The image has more than ${limits.maxVideoPixels} pixels`,
        { field: 'file', limit: 'maxVideoPixels' },
      );
    throw error;
  });
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
