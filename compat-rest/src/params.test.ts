import { Readable } from 'node:stream';
import FormData from 'form-data';
import { limits } from './limits';
import { idParam, integerParam, readParams } from './params';
import { RestError } from './rest-error';

function request(url: string, body = '', contentType?: string) {
  return {
    url,
    headers: contentType ? { 'content-type': contentType } : {},
    body: Readable.from([Buffer.from(body)]),
  };
}

const urlencoded = 'application/x-www-form-urlencoded';

function multipart(fields: Record<string, string>, file?: { name: string; filename: string }) {
  const form = new FormData();
  if (file) form.append(file.name, Buffer.from('not really a video'), { filename: file.filename });
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return {
    url: '/douyin/publish/action/',
    headers: form.getHeaders(),
    body: Readable.from([form.getBuffer()]),
  };
}

describe('readParams', () => {
  it('reads the query string', async () => {
    const params = await readParams(request('/douyin/user/?user_id=7&token=abc'));
    expect([params.get('user_id'), params.get('token'), params.get('missing')]).toEqual([
      '7',
      'abc',
      undefined,
    ]);
  });

  it('prefers the query string over the body for the same key', async () => {
    const params = await readParams(
      request('/x/?token=from-query', 'token=from-body&title=Bear', urlencoded),
    );
    expect([params.get('token'), params.get('title')]).toEqual(['from-query', 'Bear']);
  });

  it('takes the first value of a key repeated in the query, as TestChat sends content', async () => {
    const params = await readParams(request('/x/?content=first&content=second'));
    expect(params.get('content')).toBe('first');
  });

  it('takes the first value of a key repeated in the body', async () => {
    const params = await readParams(request('/x/', 'a=1&a=2', urlencoded));
    expect(params.get('a')).toBe('1');
  });

  it('reads an urlencoded body on a GET, with a charset and percent-encoded UTF-8', async () => {
    const body = 'comment_text=%E6%B5%8B%E8%AF%95%E8%AF%84%E8%AE%BA&name=a+b';
    const params = await readParams(request('/x/', body, `${urlencoded}; charset=UTF-8`));
    expect([params.get('comment_text'), params.get('name')]).toEqual(['测试评论', 'a b']);
  });

  it('reads the text parts of a multipart body and skips its files, even when the file comes first', async () => {
    const params = await readParams(
      multipart({ token: 't0k', title: 'Bear' }, { name: 'data', filename: '../public/bear.mp4' }),
    );
    expect([params.get('token'), params.get('title'), params.get('data')]).toEqual([
      't0k',
      'Bear',
      undefined,
    ]);
  });

  it('ignores bodies of any other type instead of refusing them', async () => {
    const params = await readParams(request('/x/?a=1', '{"b":2}', 'application/json'));
    expect([params.get('a'), params.get('b')]).toEqual(['1', undefined]);
  });

  it('refuses an urlencoded body over the limit with PAYLOAD_TOO_LARGE', async () => {
    const body = `a=${'x'.repeat(limits.formBodyBytes)}`;
    await expect(readParams(request('/x/', body, urlencoded))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('refuses a multipart field over the limit with PAYLOAD_TOO_LARGE', async () => {
    const tooLong = 'x'.repeat(limits.multipartFieldBytes + 1);
    await expect(readParams(multipart({ title: tooLong }))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('refuses a truncated multipart body with BAD_USER_INPUT', async () => {
    const truncated = '--b\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc';
    await expect(
      readParams(request('/x/', truncated, 'multipart/form-data; boundary=b')),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('refuses a multipart body without a boundary with BAD_USER_INPUT', async () => {
    const error: unknown = await readParams(
      request('/x/', 'whatever', 'multipart/form-data'),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', statusCode: 400 });
  });
});

describe('integerParam', () => {
  it.each([
    ['42', 42],
    ['0', 0],
    ['-3', -3],
    ['1e+06', 1_000_000], // Go's fmt.Sprint(float64(1000000)), as the official tests send it
    ['1.680703713e+09', 1_680_703_713],
    [' 12 ', 12],
  ])('reads %j as %j', (value, expected) => {
    expect(integerParam(value)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['  '],
    ['abc'],
    ['12abc'],
    ['1.5'],
    ['9007199254740993'],
    ['1.6372948573e+18'],
    ['NaN'],
  ])('reads %j as absent', (value) => {
    expect(integerParam(value)).toBeUndefined();
  });
});

describe('idParam', () => {
  it('accepts positive ids, exponent form included', () => {
    expect([idParam('7'), idParam('1e+06')]).toEqual([7, 1_000_000]);
  });

  it('treats 0, negatives and garbage as no id', () => {
    expect([idParam('0'), idParam('-1'), idParam('x'), idParam(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
