import type { ReadStream } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import type { Busboy } from 'busboy';
import type { FileUpload } from 'graphql-upload-minimal';
import { processRequest, Upload } from 'graphql-upload-minimal';
import { appError, errorTable, stopReadingBody } from '@reel/common';
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

const MiB = 1024 * 1024;

/** 413 with the coded body; the socket closes after it, so the unread rest of a body goes too. */
function answerPayloadTooLarge(res: Response, maxUploadBytes: number): void {
  const mib = Number((maxUploadBytes / MiB).toFixed(2));
  res.setHeader('connection', 'close');
  res.status(errorTable.PAYLOAD_TOO_LARGE.httpStatus).json({
    errors: [
      {
        message: `The upload exceeds the ${mib} MiB limit`,
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ],
  });
}

/** The most a multipart request may carry: every file at the limit, plus the fields and headers. */
const maxBodyBytes = (maxUploadBytes: number, maxFiles: number) =>
  maxUploadBytes * maxFiles + limits.multipartOverheadBytes;

/**
 * Refuses a multipart request whose declared length already exceeds what the limits allow,
 * before reading its body; graphqlUploads catches bodies of unknown length as they arrive.
 */
export function rejectOversizedUploads(maxUploadBytes: number, maxFiles: number) {
  const maxBody = maxBodyBytes(maxUploadBytes, maxFiles);
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length']);
    if (!req.is('multipart/form-data') || !(declared > maxBody)) {
      next();
      return;
    }
    answerPayloadTooLarge(res, maxUploadBytes);
  };
}

/**
 * graphql-upload-minimal's Express middleware, but the moment a file passes maxUploadBytes (or the
 * body passes what maxFiles such files may take) it answers 413 and reads no further (RELIABILITY
 * row 13). Left to itself, busboy goes on reading and dropping the body while the refusal travels
 * through the resolver and back, and the library resumes a request paused under it.
 */
export function graphqlUploads(maxUploadBytes: number, maxFiles: number) {
  const maxBody = maxBodyBytes(maxUploadBytes, maxFiles);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    const refuse = () => {
      if (res.headersSent) return;
      stopReadingBody(req);
      answerPayloadTooLarge(res, maxUploadBytes);
    };
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > maxBody) refuse();
    });
    // the library pipes the request into its busboy parser, the one place its files are heard
    const pipe = req.pipe.bind(req);
    req.pipe = <T extends NodeJS.WritableStream>(parser: T, options?: { end?: boolean }): T => {
      req.pipe = pipe;
      (parser as unknown as Busboy).on('file', (_field, file) => file.once('limit', refuse));
      return pipe(parser, options);
    };
    processRequest(req, res, {
      // busboy calls a file that reaches maxFileSize truncated: one byte of slack makes the
      // limit inclusive, and a file past it still fails in uploadStream
      maxFileSize: maxUploadBytes + 1,
      maxFiles,
    }).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        // an error the library raised as the request was cut after the 413 is no news
        if (!res.headersSent) next(error);
      },
    );
  };
}
