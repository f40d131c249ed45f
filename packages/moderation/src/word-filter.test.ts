import { GraphQLError } from 'graphql';
import { BLOCKED_MESSAGE, WordFilter } from './word-filter';

const filter = new WordFilter({
  masked: [
    'idiot',
    'loser',
    '笨蛋',
    '傻瓜',
    '大傻瓜',
    '一二三',
    '二三四',
    '𠮷野家',
    'strasse',
    'bad man',
    'man child',
  ],
  blocked: ['加微信', 'free bitcoin', '笨蛋骗子'],
});
const masked = (text: string) => filter.screen(text);

describe('WordFilter: masked words', () => {
  it.each([
    ['Chinese text, the rest kept', '你真是个笨蛋！', '你真是个**！'],
    ['full-width and mixed case', 'ＩＤＩＯＴ, IdIoT and iDIOT', '*****, ***** and *****'],
    ['full-width inside CJK, without spaces', '你这个ｌｏｓｅｒ吗', '你这个*****吗'],
    ['emoji beside and between words', '😀idiot😀 傻瓜🤪傻瓜', '😀*****😀 **🤪**'],
    ['a word outside the Basic Multilingual Plane, one * per character', '去𠮷野家吃', '去***吃'],
    ['full case folding: ß is ss', 'Die Straße', 'Die ******'],
    ['overlapping words, as their union', '〇一二三四五', '〇****五'],
    ['a word inside a longer listed word', '你个大傻瓜', '你个***'],
    ['overlapping phrases across spaces', 'a bad man child!', 'a *************!'],
    ['a word repeated', '笨蛋笨蛋', '****'],
  ])('%s', (_case, text, expected) => {
    expect(masked(text)).toEqual({ blocked: false, text: expected });
  });

  it('masks Latin words only as whole words: closer, idiotic and idiot2 stay', () => {
    for (const text of ['closer', 'idiotic', 'idiot2', 'Ｃｌｏｓｅｒ', 'naïdiot'])
      expect(masked(text)).toEqual({ blocked: false, text });
    expect(masked('you, loser.')).toEqual({ blocked: false, text: 'you, *****.' });
    expect(masked('(idiot)')).toEqual({ blocked: false, text: '(*****)' });
  });

  it('answers a text without listed words as it came', () => {
    const text = '好看 👍🏽 nice video, ＡＢＣ';
    expect(masked(text)).toEqual({ blocked: false, text });
  });
});

describe('WordFilter: blocked words', () => {
  it.each([
    ['Chinese', '想要资源加微信123'],
    ['full-width and mixed case', 'ＦＲＥＥ Bitcoin for everyone'],
    ['a blocked word that also holds a masked one', '笨蛋骗子'],
  ])('refuses %s', (_case, text) => {
    expect(filter.screen(text)).toEqual({ blocked: true });
  });

  it('does not refuse a Latin phrase inside longer words', () => {
    expect(filter.screen('free bitcoins')).toEqual({ blocked: false, text: 'free bitcoins' });
  });

  it('refuses with BAD_USER_INPUT on the field, naming no word', () => {
    expect.assertions(3);
    try {
      filter.textToStore('加微信', 'content');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).message).toBe(BLOCKED_MESSAGE);
      expect((error as GraphQLError).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'content',
      });
    }
  });

  it('stores an allowed text with its masked words starred', () => {
    expect(filter.textToStore('ok 笨蛋', 'content')).toBe('ok **');
  });
});

describe('WordFilter: empty lists', () => {
  it('changes nothing', () => {
    const none = new WordFilter({ masked: [], blocked: [] });
    expect(none.screen('idiot 加微信')).toEqual({ blocked: false, text: 'idiot 加微信' });
  });
});
