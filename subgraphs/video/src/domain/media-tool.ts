import { execFile } from 'node:child_process';
import path from 'node:path';
import { limits } from '../limits';

export interface MediaToolBounds {
  timeoutMs: number;
  memoryBytes: number;
}

const defaultBounds: MediaToolBounds = {
  timeoutMs: limits.mediaToolTimeoutSeconds * 1000,
  memoryBytes: limits.mediaToolMemoryBytes,
};

/**
 * Runs ffprobe or ffmpeg bounded in time (SIGKILL at the deadline), in output, and on Linux in
 * address space: the child starts under `ulimit -v`, so a pathological file fails an allocation
 * instead of taking the machine's memory. fluent-ffmpeg can set neither a resource limit nor a
 * kill signal, hence a plain child process. Resolves with stdout.
 */
export function runMediaTool(
  binary: string,
  args: readonly string[],
  bounds: MediaToolBounds = defaultBounds,
): Promise<string> {
  const capped = process.platform === 'linux';
  // sh sets the limit and execs the tool, so the pid killed at the deadline is the tool's own
  const [command, argv] = capped
    ? [
        '/bin/sh',
        [
          '-c',
          'ulimit -v "$0" && exec "$@"',
          String(Math.floor(bounds.memoryBytes / 1024)),
          binary,
          ...args,
        ],
      ]
    : [binary, [...args]];
  return new Promise((resolve, reject) => {
    execFile(
      command,
      argv,
      {
        timeout: bounds.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: limits.mediaToolOutputBytes,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const why =
          error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
            ? error.message
            : error.killed
              ? `killed after ${bounds.timeoutMs} ms`
              : stderr.trim() || error.message;
        reject(new Error(`${path.basename(binary)} failed: ${why}`, { cause: error }));
      },
    );
  });
}
