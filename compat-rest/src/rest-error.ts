import { type ErrorCode, errorTable } from '@reel/common';

/** A failure the client sees as `status_code` + `status_msg`, always with HTTP 200. */
export class RestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorTable[code].restMessage,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RestError';
  }

  /** The REST `status_code`: the code's HTTP status, though the REST answer itself is a 200. */
  get statusCode(): number {
    return errorTable[this.code].httpStatus;
  }
}

/** RATE_LIMITED with the wait in its status_msg: the app shows status_msg as it is. */
export function tooManyRequests(retryAfterSeconds: number): RestError {
  return new RestError('RATE_LIMITED', `Too many requests, try again in ${retryAfterSeconds} s`);
}
