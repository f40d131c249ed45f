import { availableParallelism } from 'node:os';

export const limits = {
  titleMaxChars: 100, // characters (code points)
  feedMaxPage: 30, // videos; the /douyin contract's maximum
  videosMaxPage: 50, // videos per User.videos page
  sniffBytes: 64, // bytes read to recognise a container format
  coverMaxWidth: 1080, // pixels; covers are never upscaled
  coverJpegQuality: 82,
  thumbnailWidth: 240, // pixels
  thumbnailWebpQuality: 70,
  mediaToolTimeoutSeconds: 20, // per ffprobe/ffmpeg run
  mediaConcurrency: availableParallelism(), // uploads processed at once per process; the rest queue
  // a staging directory untouched this long belongs to no running upload, whoever owns it
  // (domain/staging.ts; owners on this machine are asked directly)
  staleScratchMs: 6 * 3600 * 1000,
  createdAtRetries: 5, // attempts to claim a unique created_at millisecond under concurrency
} as const;

export const outbox = {
  pollIntervalMs: 1_000, // safety net; a publish nudges the relay at once
  batchSize: 100,
  publishTimeoutMs: 2_000,
  duplicateWindowMs: 2 * 60 * 1000, // JetStream de-duplicates re-sends by Nats-Msg-Id within this
} as const;
