import { types } from 'node:util';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

/**
 * The one table of error codes. GraphQL carries `code` in `extensions.code` and answers with
 * `httpStatus`; compat-rest answers HTTP 200 with `httpStatus` as `status_code` and, unless the
 * error carries a more precise message, `restMessage` as `status_msg`.
 */
export const errorTable = {
  BAD_USER_INPUT: { httpStatus: 400, restMessage: 'Invalid request parameters' },
  UNAUTHENTICATED: {
    httpStatus: 401,
    restMessage: 'Please log in: the token is missing, invalid or expired',
  },
  FORBIDDEN: { httpStatus: 403, restMessage: 'You are not allowed to do that' },
  NOT_FOUND: { httpStatus: 404, restMessage: 'Not found' },
  CONFLICT: { httpStatus: 409, restMessage: 'Already exists' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, restMessage: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, restMessage: 'Unsupported media type' },
  RATE_LIMITED: { httpStatus: 429, restMessage: 'Too many requests, try again later' },
  INTERNAL: { httpStatus: 500, restMessage: 'Internal error' },
  UNAVAILABLE: { httpStatus: 503, restMessage: 'Service temporarily unavailable' },
} as const;

export type ErrorCode = keyof typeof errorTable;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorTable, code);
}

/** A coded, client-safe error. Its message reaches the client as written. */
export function appError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

/** Apollo's own codes for malformed operations, which are client errors too. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * A dependency (MySQL, Redis) missed its time budget or cannot be reached. Thrown by the driver
 * wrappers (mysql.ts) with a client-safe message; the driver's error, with the statement, stays
 * in `cause` for the log. maskErrors answers it UNAVAILABLE.
 */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
}

// Driver errors that mean "the dependency is slow or gone", not "we are broken", when no wrapper
// translated them: Node sockets, mysql2 (PROTOCOL_*) and ioredis (which gives its timeouts and
// give-ups no code, hence the message and the name).
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
]);
const REDIS_TIMEOUT_MESSAGE = 'Command timed out';
const REDIS_CLOSED_MESSAGE = 'Connection is closed.';
const REDIS_GAVE_UP_NAME = 'MaxRetriesPerRequestError';

/**
 * An Error of any realm: Node's own (a refused socket's) fail `instanceof Error` inside a vm
 * context such as jest's, and an outage must be recognised there too.
 */
export const isError = (value: unknown): value is Error =>
  value instanceof Error || types.isNativeError(value);

/**
 * The client-safe message of a dependency outage, found through whatever wraps it (graphql-js's
 * located error, Drizzle's DrizzleQueryError), or undefined when the error is something else.
 */
export function dependencyOutage(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 8 && isError(current); depth += 1) {
    if (current instanceof DependencyUnavailableError) return current.message;
    const code = (current as { code?: unknown }).code;
    if (
      (typeof code === 'string' && TIMEOUT_CODES.has(code)) ||
      current.message === REDIS_TIMEOUT_MESSAGE
    )
      return 'A backing service did not answer in time; try again shortly';
    if (
      (typeof code === 'string' && UNREACHABLE_CODES.has(code)) ||
      current.message === REDIS_CLOSED_MESSAGE ||
      current.name === REDIS_GAVE_UP_NAME
    )
      return 'A backing service is unreachable; try again shortly';
    current =
      current instanceof GraphQLError && current.originalError
        ? current.originalError
        : current.cause;
  }
  return undefined;
}

/**
 * Apollo `formatError`: coded errors pass through; an outage of a dependency answers UNAVAILABLE
 * (the client may retry); anything else is masked as INTERNAL so no stack, SQL text or driver
 * message reaches a client. `logOperationErrors` logs the originals, with the request id.
 */
export function maskErrors() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL') return withoutStack(formatted);
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return withoutStack({
        ...formatted,
        extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', reason: code },
      });
    }
    if (isUncodedRefusal(error)) {
      return withoutStack({
        ...formatted,
        extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
      });
    }
    const outage = dependencyOutage(error);
    if (outage)
      return { message: outage, path: formatted.path, extensions: { code: 'UNAVAILABLE' } };
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL' },
    };
  };
}

/**
 * Logs every error maskErrors hides from the client, as it was thrown (driver message, SQL,
 * stack), on the request's logger, so the line carries the request id the client was answered
 * with: an outage as a warning, anything else as an error. `log` serves when a request has no
 * logger of its own.
 */
export function logOperationErrors<TContext extends { log?: Logger }>(
  log: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const requestLog = contextValue?.log ?? log;
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isErrorCode(code) && code !== 'INTERNAL') continue;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            if (isUncodedRefusal(error)) continue;
            if (dependencyOutage(error))
              requestLog.warn({ err: unwrap(error), path: error.path }, 'dependency unavailable');
            else requestLog.error({ err: unwrap(error), path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

/**
 * Apollo refuses a few requests with an HTTP 4xx but no code (a persisted query of another
 * version, or whose hash does not match its text): the client's mistake, not ours.
 */
function isUncodedRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}

/**
 * For errors thrown while building a request context (a bad token): the whole response fails,
 * so give it the code's HTTP status instead of Apollo's default 500.
 */
export function asRequestError(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const code = error.extensions.code;
  if (!isErrorCode(code)) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: errorTable[code].httpStatus } },
  });
}
