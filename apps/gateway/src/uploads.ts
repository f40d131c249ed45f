import type { ReadStream } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import type { FileUpload } from 'graphql-upload-minimal';
import { Upload } from 'graphql-upload-minimal';
import { appError, errorTable } from '@reel/common';
import { limits } from './limits';

export interface FoundUpload {
  /** Dotted path inside `variables`, as the GraphQL multipart `map` field names it. */
  path: string;
  upload: Upload;
}

/** Finds the Upload values graphql-upload-minimal put into the variables, wherever they sit. */
export function findUploads(value: unknown, path: string[] = []): FoundUpload[] {
  if (value instanceof Upload) return [{ path: path.join('.'), upload: value }];
  if (Array.isArray(value))
    return value.flatMap((item, index) => findUploads(item, [...path, String(index)]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => findUploads(item, [...path, key]));
  return [];
}

/** A copy of the variables with every upload replaced by null, per the multipart request spec. */
export function withoutUploads(value: unknown): unknown {
  if (value instanceof Upload) return null;
  if (Array.isArray(value)) return value.map(withoutUploads);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutUploads(item)]),
    );
  return value;
}

/**
 * The file's stream, failing with PAYLOAD_TOO_LARGE when it passes the size limit: busboy only
 * truncates and emits 'limit', and a truncated video must never be forwarded as if whole.
 */
export function uploadStream(file: FileUpload): ReadStream {
  const stream = file.createReadStream();
  stream.once('limit', () =>
    stream.destroy(appError('PAYLOAD_TOO_LARGE', 'The upload exceeds the size limit')),
  );
  return stream;
}

/**
 * Refuses a multipart request whose declared length already exceeds what the limits allow,
 * before reading its body; busboy's per-file limit catches bodies of unknown length.
 */
export function rejectOversizedUploads(maxUploadBytes: number, maxFiles: number) {
  const maxBody = maxUploadBytes * maxFiles + limits.multipartOverheadBytes;
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length']);
    if (!req.is('multipart/form-data') || !(declared > maxBody)) {
      next();
      return;
    }
    const mib = Math.floor(maxUploadBytes / 1024 / 1024);
    res.setHeader('connection', 'close');
    res.status(errorTable.PAYLOAD_TOO_LARGE.httpStatus).json({
      errors: [
        {
          message: `The upload exceeds the ${mib} MiB limit`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  };
}
