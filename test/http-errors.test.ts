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
