import { appError } from '@reel/common';
import TextMatcher, { type Match } from 'modern-ahocorasick/text';

/** The two lists a filter is built from. */
export interface WordLists {
  /** Stored with each of their characters replaced by `*`. */
  masked: readonly string[];
  /** The whole text is refused. */
  blocked: readonly string[];
}

/** What the policy makes of a text. */
export type Screened = { blocked: true } | { blocked: false; text: string };

/** Names no word: a refusal must not teach which spelling gets through. */
export const BLOCKED_MESSAGE = 'This text contains words that are not allowed';

const MASK = '*';

// A word that begins (ends) with one of these matches only where the text does not go on with
// one there: whole words for scripts written with spaces. CJK has no spaces: its words match
// anywhere. Tested on NFKC-folded characters, so full-width Ａ and ① count as A and 1.
const WORD_CHARACTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
const COMBINING_MARK = /^\p{M}$/u;

/** Which edges of a word need a word boundary in the text. */
interface WordEdges {
  start: boolean;
  end: boolean;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

function edgesOf(word: string): WordEdges {
  const chars = [...fold(word)];
  return {
    start: WORD_CHARACTER.test(chars[0] ?? ''),
    end: WORD_CHARACTER.test(chars.at(-1) ?? ''),
  };
}

/** The character before UTF-16 index `index`, past any combining marks; undefined at the start. */
function characterBefore(text: string, index: number): string | undefined {
  let i = index;
  while (i > 0) {
    const low = text.charCodeAt(i - 1);
    const pair =
      low >= 0xdc00 && low <= 0xdfff && i >= 2 && isHighSurrogate(text.charCodeAt(i - 2));
    const start = i - (pair ? 2 : 1);
    const char = text.slice(start, i);
    if (!COMBINING_MARK.test(char)) return char;
    i = start;
  }
  return undefined;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** The character at UTF-16 index `index`; undefined at the end. */
function characterAt(text: string, index: number): string | undefined {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}

const continuesWord = (char: string | undefined) =>
  char !== undefined && WORD_CHARACTER.test(fold(char));

function standsAlone(text: string, match: Match<WordEdges>): boolean {
  const edges = match.data;
  if (edges?.start && continuesWord(characterBefore(text, match.start))) return false;
  if (edges?.end && continuesWord(characterAt(text, match.end))) return false;
  return true;
}

/**
 * Every code point inside a range becomes one `*`, so a masked word keeps its length in
 * characters (the unit of the content limits) whether it was CJK, emoji or full-width.
 */
function maskRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const covered = new Uint8Array(text.length);
  for (const { start, end } of ranges) covered.fill(1, start, end);
  let masked = '';
  for (let i = 0; i < text.length;) {
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    masked += covered[i] ? MASK : text.slice(i, i + width);
    i += width;
  }
  return masked;
}

/**
 * The sensitive-word filter: Aho–Corasick over the lists, case- and width-insensitive (NFKC and
 * full Unicode case folding, so ＩＤＩＯＴ and Idiot match idiot, Straße matches strasse).
 * Matches are ranges of the original text, so masking replaces what the writer typed. Build it
 * once per process: compiling the lists is the expensive part.
 */
export class WordFilter {
  readonly #masked: TextMatcher<WordEdges>;
  readonly #blocked: TextMatcher<WordEdges>;

  constructor(lists: WordLists) {
    this.#masked = matcherOf(lists.masked);
    this.#blocked = matcherOf(lists.blocked);
  }

  /** Refused when the text holds a blocked word; else the text with every masked word starred. */
  screen(text: string): Screened {
    for (const match of this.#blocked.iterate(text))
      if (standsAlone(text, match)) return { blocked: true };
    // every occurrence, overlapping ones included: overlaps are masked as their union
    const found = this.#masked.search(text).filter((match) => standsAlone(text, match));
    return { blocked: false, text: maskRanges(text, found) };
  }

  /** The text a write stores; BAD_USER_INPUT on `field`, naming no word, when it is blocked. */
  textToStore(text: string, field: string): string {
    const screened = this.screen(text);
    if (screened.blocked) throw appError('BAD_USER_INPUT', BLOCKED_MESSAGE, { field });
    return screened.text;
  }
}

function matcherOf(words: readonly string[]): TextMatcher<WordEdges> {
  return new TextMatcher(
    [...new Set(words)].map((pattern) => ({ pattern, data: edgesOf(pattern) })),
    { normalization: 'NFKC', caseFold: true },
  );
}
