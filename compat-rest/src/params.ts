import { isUtf8 } from 'node:buffer';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { safeFilename, stopReadingBody } from '@reel/common';
import { limits } from './limits';
import { RestError } from './rest-error';
import { type SpooledFile, type SpoolTarget, spoolPath, uploadTooLarge } from './upload-spool';

/** The parameters of one /douyin call, looked up by name. */
export interface Params {
  get(name: string): string | undefined;
}

/** Params as read from a request, with the file it carried when asked to spool one. */
export interface RequestParams extends Params {
  /** The spooled file of this multipart part, if the request had one and it was to be spooled. */
  file(part: string): SpooledFile | undefined;
  /** Deletes every spooled file; the caller owns them once readParams resolves. */
  release(): Promise<void>;
}

export interface IncomingRequest {
  /** Path and query string, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export interface ReadOptions {
  /** A multipart file part to keep (on disk); every other file part is drained. */
  spool?: SpoolTarget;
}

/**
 * The query string first, then an urlencoded or multipart body (on any method, GET included),
 * and the first value of a repeated key: the official tests send every param in both places, and
 * `TestChat` repeats `content` in the query (douyin-api.md §1.2). Text that is not UTF-8 is
 * refused (BAD_USER_INPUT), never read as U+FFFD. A failure leaves nothing spooled.
 */
export async function readParams(
  request: IncomingRequest,
  options: ReadOptions = {},
): Promise<RequestParams> {
  const query = formParams(queryStringOf(request.url), 'query string');
  const body = await readBody(request, options.spool);
  return {
    get: (name) => query.get(name) ?? body.fields.get(name) ?? undefined,
    file: (part) => body.files.get(part),
    release: () => removeFiles([...body.files.values()].map((file) => file.path)),
  };
}

interface Body {
  fields: URLSearchParams;
  files: Map<string, SpooledFile>;
}

const noFiles = (fields = new URLSearchParams()): Body => ({ fields, files: new Map() });

// Any other body (JSON, text, none) is ignored, never refused: a 415 reads as "网络异常" in the app.
async function readBody(request: IncomingRequest, spool: SpoolTarget | undefined): Promise<Body> {
  // Refused before a byte is read; the answer closes the socket with the body unread.
  if (spool && declaredLength(request.headers) > spool.maxBytes + limits.multipartOverheadBytes) {
    stopReadingBody(request.body);
    throw uploadTooLarge(spool.maxBytes);
  }
  switch (mediaTypeOf(request.headers['content-type'])) {
    case 'application/x-www-form-urlencoded':
      return noFiles(await readUrlencoded(request));
    case 'multipart/form-data':
      if (spool) await mkdir(spool.dir, { recursive: true });
      return readMultipart(request, spool);
    default:
      return noFiles();
  }
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function declaredLength(headers: IncomingHttpHeaders): number {
  const length = Number(headers['content-length']);
  return Number.isFinite(length) ? length : 0;
}

async function readUrlencoded({ body }: IncomingRequest): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  // Reads to the end even past the limit: leaving the loop early would destroy the socket
  // before the answer is written.
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limits.formBodyBytes) chunks.push(chunk);
  }
  if (bytes > limits.formBodyBytes) {
    throw new RestError(
      'PAYLOAD_TOO_LARGE',
      `The form body is larger than ${limits.formBodyBytes} bytes`,
    );
  }
  return formParams(Buffer.concat(chunks).toString('latin1'), 'form body');
}

// Node hands the request line over one character per byte (latin1)
function queryStringOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end === -1 ? undefined : end);
}

/**
 * application/x-www-form-urlencoded as URLSearchParams parses it, from one character per byte,
 * except that percent-decoded bytes which are not UTF-8 are refused instead of becoming U+FFFD.
 */
function formParams(bytes: string, where: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const pair of bytes.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    params.append(percentDecoded(name, where), percentDecoded(value, where));
  }
  return params;
}

const PERCENT_ESCAPE = /%([0-9a-f]{2})/gi;

function percentDecoded(text: string, where: string): string {
  const latin1 = text
    .replace(/\+/g, ' ')
    .replace(PERCENT_ESCAPE, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return utf8Text(Buffer.from(latin1, 'latin1'), where);
}

function utf8Text(bytes: Buffer, where: string): string {
  if (!isUtf8(bytes)) throw new RestError('BAD_USER_INPUT', `The ${where} is not valid UTF-8`);
  return bytes.toString('utf8');
}

/**
 * Text parts become fields; the spooled part streams to disk as it arrives, counted, and the read
 * fails the moment it passes its limit instead of after the whole body.
 */
function readMultipart(
  { headers, body }: IncomingRequest,
  spool: SpoolTarget | undefined,
): Promise<Body> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        // one character per byte, so a text part that is not UTF-8 can be refused (below)
        defCharset: 'latin1',
        limits: {
          fieldSize: limits.multipartFieldBytes,
          fields: limits.multipartFields,
          parts: limits.multipartParts,
          // busboy emits 'limit' on reaching fileSize, so a file of exactly maxBytes needs + 1
          fileSize: spool && spool.maxBytes + 1,
        },
      });
    } catch {
      reject(
        new RestError('BAD_USER_INPUT', 'The multipart/form-data Content-Type has no boundary'),
      );
      return;
    }
    const fields = new URLSearchParams();
    const files = new Map<string, SpooledFile>();
    const spooling: { path: string; out: WriteStream; written: Promise<void> }[] = [];
    let overLimit = false;
    let settled = false;

    // `readRest` false for a body past its limit, whose rest is waste (RELIABILITY row 13)
    const fail = (error: RestError, { readRest = true } = {}) => {
      if (settled) return;
      settled = true;
      // otherwise the rest of the body is read and dropped, so the sender gets the answer, not
      // a reset
      if (readRest) {
        body.unpipe(parser);
        body.resume();
      } else {
        stopReadingBody(body);
      }
      for (const { out } of spooling) out.destroy();
      void Promise.allSettled(spooling.map(({ out }) => finished(out)))
        .then(() => removeFiles(spooling.map((file) => file.path)))
        .then(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) overLimit = true;
      else if (!isUtf8(Buffer.from(value, 'latin1'))) fail(notUtf8(name));
      else fields.append(name, Buffer.from(value, 'latin1').toString('utf8'));
    });
    parser.on('file', (name, file, info) => {
      // one file per request: a second `data` part is drained like any other file
      if (!spool || name !== spool.part || spooling.length > 0 || settled) {
        // a body cut short fails this stream too; unheard, that error would crash the process
        file.on('error', () => undefined);
        file.resume();
        return;
      }
      const path = spoolPath(spool.dir);
      const out = createWriteStream(path, { flags: 'wx' });
      let bytes = 0;
      file.on('data', (chunk: Buffer) => (bytes += chunk.length));
      // busboy only truncates at fileSize; a truncated video must never be forwarded as whole
      file.once('limit', () => fail(uploadTooLarge(spool.maxBytes), { readRest: false }));
      const written = pipeline(file, out).then(() => {
        files.set(name, { path, filename: safeFilename(info.filename), bytes });
      });
      // a disk failure answers at once; after fail() the rejection is expected and ignored
      written.catch((error: unknown) =>
        fail(new RestError('INTERNAL', undefined, { cause: error })),
      );
      spooling.push({ path, out, written });
    });
    parser.on('fieldsLimit', () => (overLimit = true));
    parser.on('partsLimit', () => (overLimit = true));
    parser.on('error', () =>
      fail(new RestError('BAD_USER_INPUT', 'The multipart/form-data body is malformed')),
    );
    parser.on('close', () => {
      Promise.all(spooling.map(({ written }) => written)).then(
        () => {
          if (overLimit) fail(multipartTooLarge());
          if (settled) return;
          settled = true;
          resolve({ fields, files });
        },
        (error: unknown) => fail(new RestError('INTERNAL', undefined, { cause: error })),
      );
    });
    // a client gone mid-body never ends the pipe: busboy would wait forever
    const abandoned = () => body.destroyed && !body.readableEnded;
    body.once('close', () => {
      if (abandoned()) fail(interrupted());
    });
    body.once('error', () => fail(interrupted()));
    if (abandoned()) fail(interrupted());
    else body.pipe(parser);
  });
}

function notUtf8(part: string): RestError {
  return new RestError('BAD_USER_INPUT', `The multipart part "${part}" is not valid UTF-8`);
}

function multipartTooLarge(): RestError {
  return new RestError(
    'PAYLOAD_TOO_LARGE',
    `The multipart body has more than ${limits.multipartFields} fields or a field over ${limits.multipartFieldBytes} bytes`,
  );
}

function interrupted(): RestError {
  return new RestError('BAD_USER_INPUT', 'The request body ended before it was complete');
}

async function removeFiles(paths: string[]): Promise<void> {
  await Promise.allSettled(paths.map((path) => rm(path, { force: true })));
}

/**
 * A safe integer, or undefined when absent, blank or not an integer. Decimal notation, exponent
 * included: Go's tests send large ids as floats ("1e+06"), which `parseInt` reads as 1
 * (douyin-api.md §1.3); `Number` alone would also read "0x10" as 16.
 */
export function integerParam(value: string | undefined): number | undefined {
  const number = numberParam(value);
  return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
}

/** A positive id, or undefined when absent, 0 or unparseable. */
export function idParam(value: string | undefined): number | undefined {
  const id = integerParam(value);
  return id !== undefined && id > 0 ? id : undefined;
}

/** A finite number > 0 (fractions allowed), or undefined when absent, blank, 0, negative or garbage. */
export function positiveNumberParam(value: string | undefined): number | undefined {
  const number = numberParam(value);
  return number !== undefined && number > 0 ? number : undefined;
}

// decimal and exponent forms (what fmt.Sprint(float64) writes); no 0x/0o/0b, no Infinity
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i;

function numberParam(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || !DECIMAL.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}
