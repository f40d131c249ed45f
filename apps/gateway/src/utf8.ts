import { isUtf8 } from 'node:buffer';

/**
 * express.json's `verify`: body-parser decodes with replacement, so invalid UTF-8 would reach
 * resolvers as U+FFFD and be stored as such. Refused as the client error it is (HTTP 400).
 */
export function rejectInvalidUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The request body is not valid UTF-8'), {
      status: 400,
      expose: true,
      type: 'encoding.invalid',
    });
  }
}
