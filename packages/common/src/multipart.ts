import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import FormData from 'form-data';

export interface MultipartOperation {
  query?: string;
  operationName?: string;
  /** With null where the file goes, per the spec; the server puts the upload there. */
  variables?: Record<string, unknown>;
}

export interface MultipartFile {
  /** Dotted path inside `variables` ("file", "input.video"). */
  variable: string;
  content: Readable | Buffer;
  filename: string;
  /** The receiver sniffs the bytes; a declared type is never passed on as truth. */
  contentType?: string;
}

/**
 * One file as a GraphQL multipart request (`operations`, `map`, then part "0"). Streams stay
 * streams: form-data reads them as the request is written, chunked, never whole in memory.
 */
export function graphqlUploadForm(operation: MultipartOperation, file: MultipartFile): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify(operation));
  form.append('map', JSON.stringify({ 0: [`variables.${file.variable}`] }));
  form.append('0', file.content, {
    filename: file.filename,
    contentType: file.contentType ?? 'application/octet-stream',
  });
  return form;
}

/**
 * Writes the form into the request and resolves with the answer. The receiver may answer before
 * reading the whole body (a bad title), so the caller destroys `outgoing` once done with it.
 */
export function sendForm(form: FormData, outgoing: ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    // `on`, not `once`: a late second error (a reset after the answer) must not go unhandled
    form.on('error', reject);
    outgoing.on('error', reject);
    outgoing.once('response', resolve);
    form.pipe(outgoing);
  });
}

export async function readJsonBody(response: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
