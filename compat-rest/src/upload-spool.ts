import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RestError } from './rest-error';

/**
 * Where uploads wait, whole, until the request's token is known: the official test sends the
 * file part before the token part (douyin-api.md §3.5). Files are named by a random id, never by
 * the client's filename, and are deleted when their request ends, however it ends.
 */
export const uploadSpoolDir = path.join(tmpdir(), 'reel-rest-uploads');

/** Which multipart part to spool, where, and how large it may be. */
export interface SpoolTarget {
  part: string;
  dir: string;
  maxBytes: number;
}

export interface SpooledFile {
  /** The spooled copy on local disk. */
  path: string;
  /** The client's filename, sanitized. */
  filename: string;
  bytes: number;
}

export function spoolPath(dir: string): string {
  return path.join(dir, `${randomUUID()}.upload`);
}

const MiB = 1024 * 1024;

export function uploadTooLarge(maxBytes: number): RestError {
  const mib = Number((maxBytes / MiB).toFixed(2));
  return new RestError('PAYLOAD_TOO_LARGE', `The video is larger than the ${mib} MiB upload limit`);
}
