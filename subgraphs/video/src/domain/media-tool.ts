import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import ffmpeg from 'fluent-ffmpeg';
import { withDeadline } from '@reel/common';
import { limits } from '../limits';

export interface MediaToolBounds {
  timeoutMs: number;
  memoryBytes: number;
}

export const defaultBounds: MediaToolBounds = {
  timeoutMs: limits.mediaToolTimeoutSeconds * 1000,
  memoryBytes: limits.mediaToolMemoryBytes,
};

interface BoundTools {
  bounds: MediaToolBounds;
  /** false where the tools run as they are (not Linux): no memory cap, ffprobe not killable */
  wrapped: boolean;
}

let tools: Promise<BoundTools> | undefined;
const wrappers = new Map<string, Promise<{ ffmpegPath: string; ffprobePath: string }>>();
const run = promisify(execFile);

/**
 * Points fluent-ffmpeg at ffmpeg and ffprobe run within `bounds`. On Linux each is a wrapper
 * script in the tmpdir: `ulimit -v` caps the tool's address space, so a pathological file fails an
 * allocation instead of taking the machine's memory, and ffprobe runs under `timeout -s KILL`,
 * because fluent-ffmpeg never hands out ffprobe's process. fluent-ffmpeg keeps one ffmpeg and one
 * ffprobe path per process (a command's setFfmpegPath sets it for all), so the bounds are
 * process-wide: the subgraph sets them at start-up, and a run before that uses the defaults.
 */
export function boundMediaTools(bounds: MediaToolBounds = defaultBounds): Promise<void> {
  tools = install(bounds);
  return tools.then(() => undefined);
}

const boundTools = () => (tools ??= install(defaultBounds));

/**
 * ffprobe's answer about `input` through fluent-ffmpeg, which passes `-show_streams -show_format`
 * and then `options`, all before the input. fluent-ffmpeg keeps everything ffprobe prints, so the
 * caller asks with -show_entries for only what it reads.
 */
export async function probeMedia(
  input: string,
  options: readonly string[],
): Promise<ffmpeg.FfprobeData> {
  const { bounds, wrapped } = await boundTools();
  const probing = new Promise<ffmpeg.FfprobeData>((resolve, reject) => {
    ffmpeg.ffprobe(input, [...options], (error: Error | null, data) =>
      error
        ? reject(new Error(`ffprobe failed: ${error.message}`, { cause: error }))
        : resolve(data),
    );
  });
  // unwrapped, nothing kills fluent-ffmpeg's ffprobe; the caller at least stops waiting
  return wrapped
    ? probing
    : withDeadline(
        probing,
        bounds.timeoutMs,
        `ffprobe failed: no answer in ${bounds.timeoutMs} ms`,
      );
}

/**
 * Runs the ffmpeg command that `build` makes of `input` with fluent-ffmpeg's API, killing it with
 * SIGKILL at the deadline. Of its output, fluent-ffmpeg keeps the last mediaToolOutputLines lines.
 */
export async function runFfmpeg(
  input: string,
  build: (command: ffmpeg.FfmpegCommand) => ffmpeg.FfmpegCommand,
): Promise<void> {
  const { bounds } = await boundTools();
  const command = build(ffmpeg(input, { stdoutLines: limits.mediaToolOutputLines }));
  await new Promise<void>((resolve, reject) => {
    let late = false;
    // not fluent-ffmpeg's `timeout` option: its SIGTERM asks ffmpeg to stop at its next check,
    // which a decoder stuck inside one frame never reaches
    const deadline = setTimeout(() => {
      late = true;
      command.kill('SIGKILL'); // a no-op while fluent-ffmpeg is still preparing: see 'start'
    }, bounds.timeoutMs);
    command
      .on('start', () => {
        if (late) command.kill('SIGKILL');
      })
      .on('error', (error) => {
        clearTimeout(deadline);
        const why = late ? `killed after ${bounds.timeoutMs} ms` : error.message;
        reject(new Error(`ffmpeg failed: ${why}`, { cause: error }));
      })
      .on('end', () => {
        clearTimeout(deadline);
        resolve();
      })
      .run();
  });
}

async function install(bounds: MediaToolBounds): Promise<BoundTools> {
  if (process.platform !== 'linux') {
    ffmpeg.setFfmpegPath(ffmpegInstaller.path);
    ffmpeg.setFfprobePath(ffprobeInstaller.path);
    return { bounds, wrapped: false };
  }
  // written and checked once per process and bounds
  const key = `${bounds.memoryBytes}:${bounds.timeoutMs}`;
  let paths = wrappers.get(key);
  if (!paths) {
    paths = writeWrappers(bounds);
    wrappers.set(key, paths);
  }
  const { ffmpegPath, ffprobePath } = await paths;
  ffmpeg.setFfmpegPath(ffmpegPath);
  ffmpeg.setFfprobePath(ffprobePath);
  return { bounds, wrapped: true };
}

async function writeWrappers(bounds: MediaToolBounds) {
  const dir = await wrapperDir();
  const kib = Math.floor(bounds.memoryBytes / 1024);
  const ffmpegPath = await writeWrapper(dir, 'ffmpeg', kib, [ffmpegInstaller.path]);
  // timeout(1) kills ffprobe and then its own process group, itself included: fluent-ffmpeg sees
  // its child die of SIGKILL
  const ffprobePath = await writeWrapper(dir, 'ffprobe', kib, [
    'timeout',
    '-s',
    'KILL',
    String(bounds.timeoutMs / 1000),
    ffprobeInstaller.path,
  ]);
  // a wrapper that cannot run (a refused limit, no timeout(1), a noexec tmpdir) fails start-up,
  // not every upload after it
  await Promise.all(
    [ffmpegPath, ffprobePath].map((tool) =>
      run(tool, ['-version'], { timeout: bounds.timeoutMs, killSignal: 'SIGKILL' }).catch(
        (error: unknown) => {
          throw new Error(`${path.basename(tool)} does not run bounded`, { cause: error });
        },
      ),
    ),
  );
  return { ffmpegPath, ffprobePath };
}

/**
 * One directory per user in the tmpdir, refused unless it is a directory of this user that no one
 * else may enter: in a shared tmpdir, someone else's script must never pass for ffmpeg.
 */
async function wrapperDir(): Promise<string> {
  const uid = process.getuid?.() ?? 0;
  const dir = path.join(tmpdir(), `reel-media-tools-${uid}`);
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== uid || (info.mode & 0o077) !== 0)
    throw new Error(`${dir} is not a directory of user ${uid} closed to others`);
  return dir;
}

/**
 * `exec`, so the process fluent-ffmpeg spawns (and kills) is ffmpeg itself, or ffprobe's
 * timeout(1). Named by its content and put in place by rename: processes share a script, never
 * see one half-written, and a tool already running keeps reading the file it started with.
 */
async function writeWrapper(dir: string, tool: string, kib: number, command: string[]) {
  const script = [
    '#!/bin/sh',
    `ulimit -v ${kib} 2>/dev/null || exit 126`,
    `exec ${command.map(shellQuote).join(' ')} "$@"`,
    '',
  ].join('\n');
  const file = path.join(
    dir,
    `${tool}-${createHash('sha256').update(script).digest('hex').slice(0, 16)}`,
  );
  const draft = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, script, { mode: 0o700 });
  await rename(draft, file);
  return file;
}

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
