import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@reel/common';
import { loadWordFilter, parseWordList, readWordList, shippedWordFiles } from './word-lists';

describe('word lists', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reel-words-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one word or phrase per line, skipping blanks, # comments, a BOM and repeats', () => {
    const text =
      '\uFEFF# insults\r\nidiot\r\n\n  free bitcoin  \n   # indented comment\nidiot\n笨蛋\n';
    expect(parseWordList(text)).toEqual(['idiot', 'free bitcoin', '笨蛋']);
  });

  it('ships a masked and a blocked list that share no word', () => {
    const shippedMasked = readWordList(shippedWordFiles.masked);
    const shippedBlocked = readWordList(shippedWordFiles.blocked);
    expect(shippedMasked.length).toBeGreaterThan(10);
    expect(shippedBlocked.length).toBeGreaterThan(10);
    expect(shippedMasked.filter((word) => shippedBlocked.includes(word))).toEqual([]);
  });

  it('uses the shipped lists when the moderation env slice names no file', () => {
    const filter = loadWordFilter(parseConfig({}, ['moderation']).moderation);
    expect(filter.screen('你这个笨蛋')).toEqual({ blocked: false, text: '你这个**' });
    expect(filter.screen('加我微信')).toEqual({ blocked: true });
  });

  it('uses the files SENSITIVE_WORDS_FILE and BLOCKED_WORDS_FILE name instead', () => {
    const maskedFile = path.join(dir, 'masked.txt');
    const blockedFile = path.join(dir, 'blocked.txt');
    writeFileSync(maskedFile, '# ours\nspoiler\n');
    writeFileSync(blockedFile, 'ｓｐａｍ\n');
    const { moderation } = parseConfig(
      { SENSITIVE_WORDS_FILE: maskedFile, BLOCKED_WORDS_FILE: blockedFile },
      ['moderation'],
    );
    expect(moderation).toEqual({ maskedWordsFile: maskedFile, blockedWordsFile: blockedFile });
    const filter = loadWordFilter(moderation);
    expect(filter.screen('SPOILER: 笨蛋')).toEqual({ blocked: false, text: '*******: 笨蛋' });
    expect(filter.screen('Spam here')).toEqual({ blocked: true });
    expect(filter.screen('加我微信')).toEqual({ blocked: false, text: '加我微信' });
  });

  it('refuses to build a filter from a list it cannot read, naming the file', () => {
    const missing = path.join(dir, 'missing.txt');
    expect(() => loadWordFilter({ maskedWordsFile: missing, blockedWordsFile: null })).toThrow(
      `cannot read the word list ${missing}`,
    );
  });
});
