import { appError } from '@reel/common';
import type { WordFilter } from '@reel/moderation';

/**
 * What a write stores of a text a user typed (a comment, a danmaku): trimmed, 1–maxChars
 * characters (code points, as utf8mb4 columns count), masked words starred. BAD_USER_INPUT on
 * `content` otherwise, and for a text holding a blocked word (the message names no word).
 */
export function contentToStore(
  words: WordFilter,
  raw: string,
  rules: { noun: string; maxChars: number },
): string {
  const trimmed = raw.trim();
  const chars = [...trimmed].length;
  if (chars === 0)
    throw appError('BAD_USER_INPUT', `A ${rules.noun} must not be empty`, { field: 'content' });
  if (chars > rules.maxChars)
    throw appError(
      'BAD_USER_INPUT',
      `A ${rules.noun} must be at most ${rules.maxChars} characters`,
      { field: 'content' },
    );
  // masking keeps the length in code points: the limit checked above still holds
  return words.textToStore(trimmed, 'content');
}
