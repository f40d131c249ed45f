/**
 * The /douyin REST client of the e2e tests, and the shapes of douyin-api.md as matchers: every
 * endpoint's test speaks to compat-rest through this one client.
 */
import { createReadStream } from 'node:fs';
import {
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
} from 'node:http';
import FormData from 'form-data';
import { type ErrorCode, errorTable } from '@reel/common';
import type { DouyinUser } from '@reel/compat-rest/douyin-user';
import type { DouyinVideo } from '@reel/compat-rest/douyin-video';

export type { DouyinUser, DouyinVideo };

type Fields = Record<string, string>;

/** The envelope every /douyin answer has (douyin-api.md §1.5), and the endpoint's own keys. */
export interface DouyinBody {
  status_code: number;
  status_msg: string;
  [key: string]: unknown;
}

export interface DouyinResponse<TBody = DouyinBody> {
  status: number;
  contentType: string | undefined;
  headers: IncomingHttpHeaders;
  body: TBody;
}

export interface DouyinRequest {
  query?: Fields;
  /** An application/x-www-form-urlencoded body (sent on GET too, as the official tests do). */
  form?: Fields;
  headers?: Record<string, string>;
}

/** One part of a multipart body, in the order given: a field, or a file (a path is streamed). */
export type MultipartPart =
  { name: string; value: string } | { name: string; file: string | Buffer; filepath?: string };

export interface MultipartRequest {
  query?: Fields;
  headers?: Record<string, string>;
  /** Send Content-Length; without it the body goes chunked, as Go's and Android's clients may. */
  knownLength?: boolean;
}

/** node:http rather than fetch, which refuses a body on GET. */
export function douyin(restUrl: string) {
  const urlOf = (route: string, query: Fields = {}) => {
    const url = new URL(route, restUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.append(key, value);
    return url;
  };
  const send = <TBody>(method: 'GET' | 'POST', route: string, request: DouyinRequest) => {
    const body = request.form ? Buffer.from(new URLSearchParams(request.form).toString()) : null;
    // node:http sends a GET body unframed unless told its length; Go's client sets it
    const framing = body
      ? {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
        }
      : {};
    const outgoing = httpRequest(urlOf(route, request.query), {
      method,
      headers: { ...framing, ...request.headers },
    });
    return exchange<TBody>(outgoing, () => outgoing.end(body ?? undefined));
  };
  return {
    get: <TBody = DouyinBody>(route: string, request: DouyinRequest = {}) =>
      send<TBody>('GET', route, request),
    post: <TBody = DouyinBody>(route: string, request: DouyinRequest = {}) =>
      send<TBody>('POST', route, request),
    /** POSTs multipart/form-data, the parts in the order given (or fields, in key order). */
    async postMultipart<TBody = DouyinBody>(
      route: string,
      parts: MultipartPart[] | Fields,
      request: MultipartRequest = {},
    ): Promise<DouyinResponse<TBody>> {
      const form = new FormData();
      const list = Array.isArray(parts)
        ? parts
        : Object.entries(parts).map(([name, value]) => ({ name, value }));
      for (const part of list) {
        if ('value' in part) form.append(part.name, part.value);
        else {
          const file = typeof part.file === 'string' ? createReadStream(part.file) : part.file;
          // filepath, not filename: form-data would cut a filename down to its basename
          form.append(part.name, file, {
            filepath: part.filepath ?? 'clip.mp4',
            contentType: 'application/octet-stream',
          });
        }
      }
      const headers: Record<string, string | number> = { ...form.getHeaders(), ...request.headers };
      if (request.knownLength) {
        headers['content-length'] = await new Promise<number>((resolve, reject) =>
          form.getLength((error, length) => (error ? reject(error) : resolve(length))),
        );
      }
      const outgoing = httpRequest(urlOf(route, request.query), { method: 'POST', headers });
      form.on('error', (error) => outgoing.destroy(error));
      try {
        return await exchange<TBody>(outgoing, () => form.pipe(outgoing));
      } finally {
        // answered before the whole body was sent (a refused upload): stop sending it
        if (!outgoing.writableFinished) outgoing.destroy();
      }
    },
  };
}

export type DouyinClient = ReturnType<typeof douyin>;

function exchange<TBody>(
  outgoing: ClientRequest,
  write: () => void,
): Promise<DouyinResponse<TBody>> {
  return new Promise((resolve, reject) => {
    // `on`, not `once`: a reset after the answer must not go unhandled
    outgoing.on('error', reject);
    outgoing.once('response', (response) => readDouyin<TBody>(response).then(resolve, reject));
    write();
  });
}

async function readDouyin<TBody>(response: IncomingMessage): Promise<DouyinResponse<TBody>> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: TBody;
  try {
    body = JSON.parse(text) as TBody;
  } catch {
    throw new Error(
      `HTTP ${response.statusCode} answered a body that is not JSON: ${text.slice(0, 200)}`,
    );
  }
  return {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'],
    headers: response.headers,
    body,
  };
}

// douyin-api.md §1.5: the app reads any other status or type as "network error"
const DOUYIN_FRAMING = { status: 200, contentType: 'application/json; charset=utf-8' };

const expectDouyinFraming = (response: DouyinResponse<unknown>) =>
  expect({ status: response.status, contentType: response.contentType }).toEqual(DOUYIN_FRAMING);

/**
 * A success, as a whole: HTTP 200 JSON whose body is `status_code: 0`, `status_msg: "success"`
 * and `fields` (the endpoint's keys; a `status_msg` there replaces "success").
 */
export function expectDouyinOk(
  response: DouyinResponse<unknown>,
  fields: Record<string, unknown> = {},
): void {
  expectDouyinFraming(response);
  expect(response.body).toEqual({ status_code: 0, status_msg: 'success', ...fields });
}

/**
 * A failure, as a whole: still HTTP 200 JSON, the `status_code` of `code` (any non-zero one
 * without it), a readable `status_msg` (exactly `message`, or matching it), and `fields`: the
 * endpoint's empty values (`user: null`, `video_list: []`), never missing keys.
 */
export function expectDouyinError(
  response: DouyinResponse<unknown>,
  code?: ErrorCode,
  message: string | RegExp = /\S/,
  fields: Record<string, unknown> = {},
): void {
  expectDouyinFraming(response);
  expect(response.body).toEqual({
    status_code: code ? errorTable[code].httpStatus : expect.any(Number),
    status_msg: typeof message === 'string' ? message : expect.stringMatching(message),
    ...fields,
  });
  expect((response.body as DouyinBody).status_code).not.toBe(0);
}

/** Values or matchers for some keys of T. */
type Known<T> = { [K in keyof T]?: unknown };

// the app loads media from them, so they must be absolute (douyin-api.md §1.1)
const absoluteUrl = () => expect.stringMatching(/^https?:\/\/\S+$/);

/** Every key of a douyin User with its JSON type; `known` pins what the test knows. */
export function douyinUser(known: Known<DouyinUser> = {}) {
  return {
    id: expect.any(Number),
    name: expect.any(String),
    follow_count: expect.any(Number),
    follower_count: expect.any(Number),
    is_follow: expect.any(Boolean),
    avatar: absoluteUrl(),
    background_image: absoluteUrl(),
    signature: expect.any(String),
    total_favorited: expect.any(Number),
    work_count: expect.any(Number),
    favorite_count: expect.any(Number),
    ...known,
  };
}

/** The counts of an account nobody follows, that published and liked nothing, seen by anyone. */
export const newAccount = {
  follow_count: 0,
  follower_count: 0,
  is_follow: false,
  total_favorited: 0,
  work_count: 0,
  favorite_count: 0,
} satisfies Partial<DouyinUser>;

/** Every key of a douyin Video with its JSON type (its author a whole User); `known` pins some. */
export function douyinVideo(known: Known<DouyinVideo> = {}) {
  return {
    id: expect.any(Number),
    author: douyinUser(),
    play_url: absoluteUrl(),
    cover_url: absoluteUrl(),
    favorite_count: expect.any(Number),
    comment_count: expect.any(Number),
    is_favorite: expect.any(Boolean),
    title: expect.any(String),
    ...known,
  };
}
