import { request as httpRequest } from 'node:http';
import { like } from 'drizzle-orm';
import { errorTable } from '@reel/common';
import { errorCodes, graphql, uniqueName } from '@reel/testkit';
import { users } from '@reel/user-subgraph/db/schema';
import { type Stack, startStack } from './harness';

const INVALID_UTF8 = Buffer.from([0xc3, 0x28]); // a lead byte without its continuation

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function usersNamed(prefix: string) {
  return stack.subgraphs.user.mysql.db
    .select({ username: users.username })
    .from(users)
    .where(like(users.username, `${prefix}%`));
}

function post(url: string, path: string, body: Buffer, contentType: string) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': String(body.length) },
    });
    outgoing.on('error', reject);
    outgoing.once('response', async (res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      resolve({
        status: res.statusCode ?? 0,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
    });
    outgoing.end(body);
  });
}

describe('text that is not UTF-8 is refused, never stored as U+FFFD', () => {
  it('in a GraphQL JSON body: 400 BAD_USER_INPUT before any resolver runs', async () => {
    const name = uniqueName('utf');
    const body = Buffer.concat([
      Buffer.from(`{"query":"mutation { register(username: \\"${name}`),
      INVALID_UTF8,
      Buffer.from('\\", password: \\"secret-pass\\") { user { id } } }"}'),
    ]);
    const response = await post(stack.gatewayUrl, '/graphql', body, 'application/json');
    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'The request body is not valid UTF-8',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    expect(await usersNamed(name)).toEqual([]);
  });

  it('as a lone surrogate escaped in JSON (valid JSON, not text)', async () => {
    const name = uniqueName('sur');
    const response = await graphql(
      stack.gatewayUrl,
      'mutation ($u: String!) { register(username: $u, password: "secret-pass") { user { id } } }',
      { u: `${name}\ud800` },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('username must be valid Unicode text');
    expect(await usersNamed(name)).toEqual([]);
  });

  it.each([
    ['the query string', (name: string) => `?username=${name}%C3%28&password=secret-pass`, null],
    [
      'an urlencoded body',
      () => '',
      (name: string) => `username=${name}%C3%28&password=secret-pass`,
    ],
  ])('in /douyin/user/register/ %s: a non-zero status', async (_case, query, form) => {
    const name = uniqueName('rest');
    const response = await post(
      stack.restUrl,
      `/douyin/user/register/${query(name)}`,
      Buffer.from(form?.(name) ?? ''),
      'application/x-www-form-urlencoded',
    );
    expect(response).toEqual({
      status: 200,
      body: {
        status_code: errorTable.BAD_USER_INPUT.httpStatus,
        status_msg: expect.stringMatching(/is not valid UTF-8/),
        user_id: 0,
        token: '',
      },
    });
    expect(await usersNamed(name)).toEqual([]);
  });
});

describe('ids in /douyin params are decimal', () => {
  it('reads user_id=0x… as no id (the token user), not as a hexadecimal id', async () => {
    const register = async (prefix: string) => {
      const username = uniqueName(prefix);
      const response = await post(
        stack.restUrl,
        `/douyin/user/register/?username=${username}&password=secret-pass`,
        Buffer.alloc(0),
        'application/x-www-form-urlencoded',
      );
      return { username, ...(response.body as { user_id: number; token: string }) };
    };
    const viewer = await register('hexme');
    const other = await register('hexother');
    const response = await fetch(
      `${stack.restUrl}/douyin/user/?token=${viewer.token}&user_id=0x${other.user_id.toString(16)}`,
    );
    const body = (await response.json()) as {
      status_code: number;
      user: { id: number; name: string };
    };
    // Number("0x…") would have answered the other user
    expect([body.status_code, body.user.id, body.user.name]).toEqual([
      0,
      viewer.user_id,
      viewer.username,
    ]);
  });
});
