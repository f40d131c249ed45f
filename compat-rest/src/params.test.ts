import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import FormData from 'form-data';
import { limits } from './limits';
import { idParam, integerParam, positiveNumberParam, readParams } from './params';
import { RestError } from './rest-error';
import { safeFilename } from '@reel/common';

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

  describe('refuses text that is not UTF-8 instead of reading U+FFFD', () => {
    // %C3%28: a lead byte followed by "(" (no continuation byte); %ED%A0%80: an encoded surrogate
    it.each([
      [
        'the query string',
        request('/douyin/user/register/?username=ab%C3%28&password=secret-pass'),
      ],
      ['the query string (surrogate)', request('/x/?username=%ED%A0%80')],
      ['an urlencoded body', request('/x/', 'username=ab%FF', urlencoded)],
      [
        'a raw byte in an urlencoded body',
        {
          url: '/x/',
          headers: { 'content-type': urlencoded },
          body: Readable.from([Buffer.from([0x75, 0x3d, 0xc3])]),
        },
      ],
      [
        'a multipart text part',
        {
          url: '/x/',
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
          body: Readable.from([
            Buffer.concat([
              Buffer.from('--b\r\nContent-Disposition: form-data; name="username"\r\n\r\na'),
              Buffer.from([0xc3, 0x28]),
              Buffer.from('\r\n--b--\r\n'),
            ]),
          ]),
        },
      ],
    ])('in %s', async (_case, incoming) => {
      const error: unknown = await readParams(incoming).catch((e) => e);
      expect(error).toBeInstanceOf(RestError);
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/not valid UTF-8/),
      });
    });

    it('while valid multi-byte text passes in all three places', async () => {
      const form = new FormData();
      form.append('title', '测试 ✓');
      const fromMultipart = await readParams({
        url: '/x/?name=%E6%B5%8B%E8%AF%95',
        headers: form.getHeaders(),
        body: Readable.from([form.getBuffer()]),
      });
      const fromBody = await readParams(request('/x/', 'a=%F0%9F%8E%AC+b', urlencoded));
      expect([fromMultipart.get('name'), fromMultipart.get('title'), fromBody.get('a')]).toEqual([
        '测试',
        '测试 ✓',
        '🎬 b',
      ]);
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
    ['0x10'], // Number() reads hex, octal and binary: ids are decimal
    ['0o20'],
    ['0b10000'],
    ['Infinity'],
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

describe('readParams spooling an upload', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reel-spool-test-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const spool = (maxBytes = 1024) => ({ part: 'data', dir, maxBytes });

  /** The official TestPublish's parts, in its order: the file before the token. */
  function upload(file: Buffer, extraFile?: Buffer) {
    const form = new FormData();
    form.append('data', file, {
      filepath: '../public/bear.mp4',
      contentType: 'application/octet-stream',
    });
    if (extraFile) form.append('data', extraFile, { filename: 'second.mp4' });
    form.append('token', 't0k');
    form.append('title', 'Bear');
    return { url: '/douyin/publish/action/', headers: form.getHeaders(), body: form.getBuffer() };
  }

  const asRequest = ({ url, headers, body }: ReturnType<typeof upload>) => ({
    url,
    headers,
    body: Readable.from([body]),
  });

  it('spools the file part that comes before the token, under a sanitized name, until released', async () => {
    const bytes = Buffer.alloc(1024, 7);
    const params = await readParams(asRequest(upload(bytes, Buffer.from('ignored'))), {
      spool: spool(),
    });
    expect([params.get('token'), params.get('title')]).toEqual(['t0k', 'Bear']);
    const file = params.file('data');
    expect(file).toEqual({ path: expect.any(String), filename: 'bear.mp4', bytes: 1024 });
    expect(path.dirname(file!.path)).toBe(dir);
    expect(await readFile(file!.path)).toEqual(bytes);
    expect(await readdir(dir)).toHaveLength(1); // the second `data` part was drained
    await params.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const params = await readParams(asRequest(upload(Buffer.alloc(1024))), { spool: spool() });
    expect(params.file('data')?.bytes).toBe(1024);
    await params.release();
  });

  it('refuses a file one byte over the limit with PAYLOAD_TOO_LARGE and keeps nothing', async () => {
    await expect(
      readParams(asRequest(upload(Buffer.alloc(1025))), { spool: spool() }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/larger than the 0 MiB upload limit/),
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const request = upload(Buffer.alloc(10));
    const body = Readable.from([request.body]);
    const declared = 1024 + limits.multipartOverheadBytes + 1;
    await expect(
      readParams(
        { ...request, headers: { ...request.headers, 'content-length': String(declared) }, body },
        { spool: spool() },
      ),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(body.readableFlowing).toBe(false); // paused before its first byte, never resumed
  });

  it('stops reading a body at the file limit, not at its end', async () => {
    const request = upload(Buffer.alloc(256 * 1024, 1));
    let pulled = 0;
    const chunks = function* () {
      for (let at = 0; at < request.body.length; at += 1024) {
        const chunk = request.body.subarray(at, at + 1024);
        pulled += chunk.length;
        yield chunk;
      }
    };
    await expect(
      readParams({ ...request, body: Readable.from(chunks()) }, { spool: spool() }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // the 1 KiB limit, the part headers and what the streams buffer (16 chunks each way)
    expect(pulled).toBeLessThanOrEqual(48 * 1024);
  });

  it('keeps nothing when the body stops short of its end', async () => {
    const request = upload(Buffer.alloc(600, 1));
    const body = new Readable({ read() {} });
    body.push(request.body.subarray(0, 400));
    const reading = readParams({ ...request, body }, { spool: spool() });
    while ((await readdir(dir)).length === 0) await setTimeout(5);
    body.destroy();
    await expect(reading).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps nothing when the client went away before the body was read', async () => {
    const request = upload(Buffer.alloc(600, 1));
    const body = new Readable({ read() {} });
    body.destroy();
    await expect(readParams({ ...request, body }, { spool: spool() })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('answers no file when the part is missing', async () => {
    const params = await readParams(multipart({ token: 't0k' }), { spool: spool() });
    expect(params.file('data')).toBeUndefined();
    await params.release();
  });
});

describe('safeFilename', () => {
  it.each([
    ['../public/bear.mp4', 'bear.mp4'],
    ['C:\\videos\\clip.mov', 'clip.mov'],
    ['..', 'upload'],
    ['.hidden.mp4', 'hidden.mp4'],
    ['我的 视频.mp4', '_.mp4'],
    [undefined, 'upload'],
  ])('%j → %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });
});

describe('positiveNumberParam', () => {
  it.each([
    ['1700000000', 1_700_000_000],
    ['1700000000123', 1_700_000_000_123],
    ['1.5', 1.5],
  ])('reads %j as %j', (value, expected) => {
    expect(positiveNumberParam(value)).toBe(expected);
  });

  it.each([[undefined], [''], ['0'], ['-1'], ['abc'], ['Infinity']])(
    'reads %j as absent',
    (value) => {
      expect(positiveNumberParam(value)).toBeUndefined();
    },
  );
});
