import { appError } from './errors';

/** Ids are BIGINT auto-increments kept far below 2^53; GraphQL carries them as decimal strings. */
export function parseId(value: string | number, what = 'id'): number {
  const id =
    typeof value === 'number' ? value : /^[0-9]{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw appError('BAD_USER_INPUT', `${what} must be a positive integer id`);
  return id;
}

/** DataLoader batch helper: rows back in key order, null where a key has no row. */
export function inKeyOrder<K, R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * A federation representation as `__resolveReference` receives it. The gateway sends the key as
 * the GraphQL `ID` it is, a decimal string, whatever number the generated types (typed from the
 * row mapper) claim.
 */
export interface EntityRef {
  __typename: string;
  id: string | number;
}

/** The row id a representation names; BAD_USER_INPUT ("Video id must …") when it names none. */
export function entityRefId(ref: EntityRef): number {
  return parseId(ref.id, `${ref.__typename} id`);
}

/** The most ids one `…Among(ids)` flags lookup takes: a feed page's videos or authors, and more. */
export const AMONG_MAX_IDS = 100;

/**
 * The ids of a viewer-flags lookup (`likedAmong`, `followedAmong`): parsed, each once, in the
 * order given; BAD_USER_INPUT past AMONG_MAX_IDS.
 */
export function parseIdsAmong(values: readonly (string | number)[], what: string): number[] {
  if (values.length > AMONG_MAX_IDS)
    throw appError('BAD_USER_INPUT', `at most ${AMONG_MAX_IDS} ${what}s at once`);
  return [...new Set(values.map((value) => parseId(value, what)))];
}
