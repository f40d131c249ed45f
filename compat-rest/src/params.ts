import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { limits } from './limits';
import { RestError } from './rest-error';

/** The parameters of one /douyin call, looked up by name. */
export interface Params {
  get(name: string): string | undefined;
}

export interface IncomingRequest {
  /** Path and query string, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Readable;
}

/**
 * The query string first, then an urlencoded or multipart body (on any method, GET included),
 * and the first value of a repeated key: the official tests send every param in both places, and
 * `TestChat` repeats `content` in the query (douyin-api.md §1.2).
 */
export async function readParams(request: IncomingRequest): Promise<Params> {
  const query = new URL(request.url, 'http://localhost').searchParams;
  const body = await readBodyParams(request);
  return { get: (name) => query.get(name) ?? body.get(name) ?? undefined };
}

type BodyReader = (request: IncomingRequest) => Promise<URLSearchParams>;

const bodyReaders = new Map<string, BodyReader>([
  ['application/x-www-form-urlencoded', readUrlencoded],
  ['multipart/form-data', readMultipart],
]);

// Any other body (JSON, text, none) is ignored, never refused: a 415 reads as "网络异常" in the app.
function readBodyParams(request: IncomingRequest): Promise<URLSearchParams> {
  const reader = bodyReaders.get(mediaTypeOf(request.headers['content-type']));
  return reader ? reader(request) : Promise.resolve(new URLSearchParams());
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
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
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function readMultipart({ headers, body }: IncomingRequest): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        limits: {
          fieldSize: limits.multipartFieldBytes,
          fields: limits.multipartFields,
          parts: limits.multipartParts,
        },
      });
    } catch {
      reject(
        new RestError('BAD_USER_INPUT', 'The multipart/form-data Content-Type has no boundary'),
      );
      return;
    }
    const fields = new URLSearchParams();
    let overLimit = false;
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) overLimit = true;
      else fields.append(name, value);
    });
    // TODO(publish endpoint): hand the `data` part to the gateway as a GraphQL upload instead of draining it.
    parser.on('file', (_name, file) => file.resume());
    parser.on('fieldsLimit', () => (overLimit = true));
    parser.on('partsLimit', () => (overLimit = true));
    parser.on('error', () =>
      reject(new RestError('BAD_USER_INPUT', 'The multipart/form-data body is malformed')),
    );
    parser.on('close', () => {
      if (overLimit) reject(multipartTooLarge());
      else resolve(fields);
    });
    body.pipe(parser);
  });
}

function multipartTooLarge(): RestError {
  return new RestError(
    'PAYLOAD_TOO_LARGE',
    `The multipart body has more than ${limits.multipartFields} fields or a field over ${limits.multipartFieldBytes} bytes`,
  );
}

/**
 * A safe integer, or undefined when absent, blank or not an integer. `Number`, not `parseInt`:
 * Go's tests send large ids as floats ("1e+06"), which `parseInt` reads as 1 (douyin-api.md §1.3).
 */
export function integerParam(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/** A positive id, or undefined when absent, 0 or unparseable. */
export function idParam(value: string | undefined): number | undefined {
  const id = integerParam(value);
  return id !== undefined && id > 0 ? id : undefined;
}
