import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Stack, startStack } from './harness';

describe('HTTP errors outside GraphQL answer coded JSON, never an HTML page', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it.each([
    ['an unknown path', '/nowhere', {}, 404, 'NOT_FOUND'],
    ['a missing media file', '/media/videos/00/missing.mp4', {}, 404, 'NOT_FOUND'],
    ['the staging area', '/media/.staging/anything', {}, 403, 'FORBIDDEN'],
    ['a missing static file', '/static/missing.png', {}, 404, 'NOT_FOUND'],
  ])('%s', async (_case, path, init, status, code) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code } }],
    });
  });

  it.each([
    ['POST on a media file', 'POST', '/media/videos/00/missing.mp4'],
    ['DELETE on a static file', 'DELETE', '/static/default-avatar.png'],
  ])('%s: 405 with Allow and a coded body, not an empty one', async (_case, method, path) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, { method });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `${method} is not served here; files are read with GET or HEAD`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('a range past the end of a media file: 416 labelled as the JSON it is, not as the video', async () => {
    mkdirSync(path.join(stack.mediaDir, 'videos', '00'), { recursive: true });
    writeFileSync(path.join(stack.mediaDir, 'videos', '00', 'short.mp4'), Buffer.alloc(8));
    const response = await fetch(`${stack.gatewayUrl}/media/videos/00/short.mp4`, {
      headers: { range: 'bytes=100-200' },
    });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-range')).toBe('bytes */8');
    // an error is not the immutable file: nothing may cache it for a year
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.json()).toEqual({
      errors: [{ message: 'Range Not Satisfiable', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('a malformed JSON body', async () => {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('a multipart request without the operations field', async () => {
    const form = new FormData();
    form.append('map', '{}');
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true' },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { message: expect.stringMatching(/operations/), extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  });
});
