import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DependencyUnavailableError, maskErrors } from './errors';

/** What Apollo hands formatError for an error a resolver threw: located, formatted. */
function formatThrown(thrown: Error): [GraphQLFormattedError, GraphQLError] {
  const located = new GraphQLError(thrown.message, { path: ['feed'], originalError: thrown });
  return [located.toJSON(), located];
}

/** Drizzle wraps every driver error in DrizzleQueryError, the driver's in `cause`. */
const drizzleWrapped = (cause: Error) => new Error('Failed query: select 1\nparams: ', { cause });

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('maskErrors and dependency outages', () => {
  const mask = maskErrors();

  it.each([
    [
      'a driver wrapper timeout, through Drizzle',
      drizzleWrapped(new DependencyUnavailableError('The database did not answer in time')),
      'The database did not answer in time',
    ],
    [
      'an ioredis command timeout',
      new Error('Command timed out'),
      'A backing service did not answer in time; try again shortly',
    ],
    [
      'a refused connection, through Drizzle',
      drizzleWrapped(withCode('connect ECONNREFUSED 127.0.0.1:3306', 'ECONNREFUSED')),
      'A backing service is unreachable; try again shortly',
    ],
    [
      'ioredis giving up after its retries',
      Object.assign(new Error('Reached the max retries per request limit'), {
        name: 'MaxRetriesPerRequestError',
      }),
      'A backing service is unreachable; try again shortly',
    ],
  ])('%s answers UNAVAILABLE without driver text', (_case, thrown, message) => {
    expect(mask(...formatThrown(thrown))).toEqual({
      message,
      path: ['feed'],
      extensions: { code: 'UNAVAILABLE' },
    });
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an SQL error', drizzleWrapped(withCode("Duplicate entry 'a' for key", 'ER_DUP_ENTRY'))],
  ])('%s is still masked as INTERNAL', (_case, thrown) => {
    expect(mask(...formatThrown(thrown))).toEqual({
      message: 'Internal server error',
      path: ['feed'],
      extensions: { code: 'INTERNAL' },
    });
  });

  // found by the protocol fuzz (test/protocol-fuzz-gateway.test.ts): answered INTERNAL before
  it.each([
    ['a persisted query hash that does not match its text', 'provided sha does not match query'],
    ['a persisted query version other than 1', 'Unsupported persisted query version'],
  ])("Apollo's uncoded 400 for %s is the client's mistake", (_case, message) => {
    const refused = new GraphQLError(message, { extensions: { http: { status: 400 } } });
    expect(mask({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, refused)).toEqual({
      message,
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
    });
  });

  it('an uncoded error with a 5xx status is still masked as INTERNAL', () => {
    const failed = new GraphQLError('boom', { extensions: { http: { status: 500 } } });
    expect(
      mask({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, failed),
    ).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
  });
});
