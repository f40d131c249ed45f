import { availableParallelism } from 'node:os';

const MiB = 1024 * 1024;
const maxVideoPixels = 4096 * 2160; // DCI 4K, landscape or portrait

export const limits = {
  titleMaxChars: 100, // characters (code points)
  feedPage: { default: 30, max: 30 }, // videos per feed page; 30 is the /douyin contract's maximum
  videosPage: { default: 10, max: 50 }, // videos per User.videos page
  sniffBytes: 64, // bytes read to recognise a container format
  coverMaxWidth: 1080, // pixels; covers are never upscaled
  coverJpegQuality: 82,
  thumbnailWidth: 240, // pixels
  thumbnailWebpQuality: 70,
  mediaToolTimeoutSeconds: 20, // per ffprobe/ffmpeg run; the child is killed (SIGKILL) past it
  // What a video may be, read from ffprobe's answer before a single frame is decoded: 752 KB of
  // 16000×16000 H.264 once took the service and its ffmpeg to 3.1 GB.
  maxVideoWidth: 4096, // pixels; either orientation, so rotation never matters
  maxVideoHeight: 4096, // pixels
  maxVideoPixels, // pixels per frame: 4K in either orientation, not 4096×4096
  maxVideoDurationSeconds: 10 * 60, // seconds, when the container states a duration
  maxVideoFrameRate: 120, // frames per second (average), when the container states one
  // decoders allocate padded (coded) sizes: a margin so whatever the probe accepted still decodes;
  // the guard is for containers that state one size and hold frames of another
  decoderMaxPixels: Math.ceil(maxVideoPixels * 1.05),
  // address space of one ffprobe/ffmpeg child (Linux, ulimit -v); a frame grab of 4K 10-bit HEVC,
  // the heaviest accepted case measured, needs about 256 MiB of it
  mediaToolMemoryBytes: 512 * MiB,
  // lines of ffmpeg's stdout/stderr fluent-ffmpeg keeps per run (one log message is at most 64 KiB);
  // ffprobe's output is bounded instead by the entries probeVideo asks for
  mediaToolOutputLines: 20,
  mediaConcurrency: availableParallelism(), // uploads processed at once per process; the rest queue
  // a staging directory untouched this long belongs to no running upload, whoever owns it
  // (domain/staging.ts; owners on this machine are asked directly)
  staleScratchMs: 6 * 3600 * 1000,
  createdAtRetries: 5, // attempts to claim a unique created_at millisecond under concurrency
} as const;
