import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigOf } from '@reel/common';
import { WordFilter } from './word-filter';

/** The lists shipped in this package, used where the configuration names no file of its own. */
export const shippedWordFiles = {
  masked: path.join(__dirname, '..', 'words', 'masked.txt'),
  blocked: path.join(__dirname, '..', 'words', 'blocked.txt'),
};

/** One word or phrase per line; blank lines and lines starting with `#` say nothing. */
export function parseWordList(text: string): string[] {
  const words = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return [...new Set(words)];
}

export function readWordList(file: string): string[] {
  try {
    return parseWordList(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the word list ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * The filter the `moderation` env slice configures (SENSITIVE_WORDS_FILE, BLOCKED_WORDS_FILE),
 * or the shipped lists; throws, naming the file, when a configured list cannot be read, so a
 * process refuses to start rather than run without its lists.
 */
export function loadWordFilter(config: ConfigOf<'moderation'>['moderation']): WordFilter {
  return new WordFilter({
    masked: readWordList(config.maskedWordsFile ?? shippedWordFiles.masked),
    blocked: readWordList(config.blockedWordsFile ?? shippedWordFiles.blocked),
  });
}
