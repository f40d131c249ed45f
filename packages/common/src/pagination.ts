import { appError } from './errors';

/** A list's page sizes: `default` when `first` is null, at most `max`. */
export interface PageSizeLimits {
  default: number;
  max: number;
}

/** `first` as asked, or the default; BAD_USER_INPUT outside 1..max. */
export function pageSize(first: number | null | undefined, limits: PageSizeLimits): number {
  const size = first ?? limits.default;
  if (!Number.isInteger(size) || size < 1 || size > limits.max)
    throw appError('BAD_USER_INPUT', `first must be between 1 and ${limits.max}`);
  return size;
}

/**
 * A place in a newest-first list: the row created at `ms` (epoch milliseconds) with `id`. The
 * page after it holds the rows ordered after it by (createdAt DESC, id DESC), so a timestamp
 * shared by several rows never skips or repeats one.
 */
export interface CursorPosition {
  ms: number;
  id: number;
}

const MAX_MS = 8.64e15; // the largest epoch ms a JS Date holds
const CURSOR_MAX_CHARS = 64; // "ms:id" is at most 33 characters, 44 in base64url

/** Opaque to clients: base64url of "ms:id". */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.ms}:${position.id}`).toString('base64url');
}

/**
 * The cursor of an instant rather than a row: ids are positive, so id 0 sorts after every row of
 * that millisecond and the page after it starts strictly before `ms` (how compat-rest turns the
 * douyin feed's latest_time into `after`).
 */
export function cursorBefore(ms: number): string {
  return encodeCursor({ ms: Math.floor(ms), id: 0 });
}

/** null for an absent cursor; BAD_USER_INPUT for one this API did not hand out. */
export function decodeCursor(
  cursor: string | null | undefined,
  argument = 'after',
): CursorPosition | null {
  if (cursor === null || cursor === undefined) return null;
  const match =
    cursor.length <= CURSOR_MAX_CHARS
      ? /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
      : null;
  const ms = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !(ms <= MAX_MS) || !Number.isSafeInteger(id))
    throw appError('BAD_USER_INPUT', `${argument} is not a cursor from this API`);
  return { ms, id };
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  edges: Edge<TNode>[];
  pageInfo: PageInfo;
}

/**
 * A page from rows fetched with `limit first + 1`, in list order: the extra row only proves
 * there is a next page and is not returned.
 */
export function toConnection<TNode>(
  rows: readonly TNode[],
  first: number,
  positionOf: (node: TNode) => CursorPosition,
): Connection<TNode> {
  const edges = rows
    .slice(0, first)
    .map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
