import { GraphQLError } from 'graphql';
import { cursorBefore, decodeCursor, encodeCursor, pageSize, toConnection } from './pagination';

const badInput = (message: string) =>
  expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } });

describe('pageSize', () => {
  const limits = { default: 10, max: 50 };

  it('answers first when it is within 1..max, and the default when it is null', () => {
    expect([1, 50, null, undefined].map((first) => pageSize(first, limits))).toEqual([
      1, 50, 10, 10,
    ]);
  });

  it.each([0, -1, 51, 2.5, Number.NaN])('refuses %p as BAD_USER_INPUT', (first) => {
    expect(() => pageSize(first, limits)).toThrow(GraphQLError);
    expect(() => pageSize(first, limits)).toThrow(badInput('first must be between 1 and 50'));
  });
});

describe('cursors', () => {
  it('round-trip a position through an opaque base64url string', () => {
    const position = { ms: Date.UTC(2026, 0, 31, 12), id: 9_007_199_254_740_991 };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('make a cursor from an instant that sorts after every row of that millisecond', () => {
    expect(decodeCursor(cursorBefore(1_700_000_000_123.9))).toEqual({
      ms: 1_700_000_000_123,
      id: 0,
    });
  });

  it('read an absent cursor as the start of the list', () => {
    expect([decodeCursor(null), decodeCursor(undefined)]).toEqual([null, null]);
  });

  it.each([
    ['empty', ''],
    ['not base64url of ms:id', 'bm90IGEgY3Vyc29y'],
    ['the old v1:ms form', Buffer.from('v1:1700000000000').toString('base64url')],
    ['a negative ms', Buffer.from('-1:1').toString('base64url')],
    ['a fraction', Buffer.from('1.5:1').toString('base64url')],
    ['past the last Date', Buffer.from('8640000000000001:1').toString('base64url')],
    ['an id past 2^53', Buffer.from('1:9007199254740993').toString('base64url')],
    ['far too long', 'A'.repeat(65)],
  ])('refuse a cursor that is %s as BAD_USER_INPUT', (_case, cursor) => {
    expect(() => decodeCursor(cursor, 'after')).toThrow(
      badInput('after is not a cursor from this API'),
    );
  });
});

describe('toConnection', () => {
  const rows = [3, 2, 1].map((n) => ({ ms: n * 1000, id: n }));

  it('keeps first rows and reports the extra one as a next page', () => {
    expect(toConnection(rows, 2, (row) => row)).toEqual({
      edges: [
        { cursor: encodeCursor(rows[0]!), node: rows[0] },
        { cursor: encodeCursor(rows[1]!), node: rows[1] },
      ],
      pageInfo: { hasNextPage: true, endCursor: encodeCursor(rows[1]!) },
    });
  });

  it('answers the last page without a next page, and an empty one without an end cursor', () => {
    expect(toConnection(rows, 3, (row) => row).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: encodeCursor(rows[2]!),
    });
    expect(toConnection([], 3, (row: { ms: number; id: number }) => row)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });
});
