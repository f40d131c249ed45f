import { availableParallelism } from 'node:os';

export const limits = {
  titleMaxChars: 100, // characters (code points)
  feedPage: { default: 30, max: 30 }, // videos per feed page; 30 is the /douyin contract's maximum
  videosPage: { default: 10, max: 50 }, // videos per User.videos page
  sniffBytes: 64, // bytes read to recognise a container format
  coverMaxWidth: 1080, // pixels; covers are never upscaled
  coverJpegQuality: 82,
  thumbnailWidth: 240, // pixels
  thumbnailWebpQuality: 70,
  mediaToolTimeoutSeconds: 20, // per ffprobe/ffmpeg run
  mediaConcurrency: availableParallelism(), // uploads processed at once per process; the rest queue
  staleScratchMs: 6 * 3600 * 1000, // scratch this old belongs to no running upload
  createdAtRetries: 5, // attempts to claim a unique created_at millisecond under concurrency
} as const;
