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
