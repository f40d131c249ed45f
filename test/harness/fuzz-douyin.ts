import fc from 'fast-check';
import { chance, fuzzText, pick, weighted } from './fuzz';

/** One HTTP request to compat-rest, as the fuzz sends it. */
export interface DouyinFuzzRequest {
  method: string;
  /** Path and query string, as on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: string | Blob | FormData;
  /** Whether no answer but a failure is right: an unknown path, or a method the path refuses. */
  mustFail: boolean;
}

export interface DouyinFuzzWorld {
  endpoints: readonly { method: 'GET' | 'POST'; path: string }[];
  ids: readonly string[];
  tokens: readonly string[];
}

const paramNames = [
  'token',
  'user_id',
  'video_id',
  'action_type',
  'comment_text',
  'comment_id',
  'to_user_id',
  'content',
  'latest_time',
  'pre_msg_time',
  'username',
  'password',
  'title',
];
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * Requests for the /douyin REST API: its endpoints (and near misses of their paths) and random
 * paths, with every method; parameters of the right names with good and bad values in the query
 * string and in urlencoded, multipart, JSON and garbage bodies; huge, repeated, badly escaped and
 * non-UTF-8 values.
 */
export function douyinRequests(
  world: DouyinFuzzWorld,
): (g: fc.GeneratorValue) => DouyinFuzzRequest {
  return (g) => {
    const endpoint = pick(g, world.endpoints);
    const path = weighted(g, [
      [14, () => endpoint.path],
      [2, () => endpoint.path.replace(/\/$/, '')],
      [1, () => endpoint.path.toUpperCase()],
      [1, () => `${endpoint.path}${uriEncoded(fuzzText(g, 8))}/`],
      [1, () => endpoint.path.replace(/\/$/, '/../')],
      [2, () => randomPath(g)],
    ] as const)();
    const method = chance(g, 80) ? endpoint.method : pick(g, methods);
    const query = chance(g, 85) ? queryString(g, world) : '';
    const request: DouyinFuzzRequest = {
      method,
      target: `${path}${query ? `?${query}` : ''}`,
      headers: {},
      mustFail: mustFail(world, path, method),
    };
    if (method === 'GET' || method === 'HEAD') return request;
    return { ...request, ...body(g, world) };
  };
}

/**
 * Whether only a failure is right: the path (as the URL parser resolves it; routes ignore case
 * and the trailing slash) is no endpoint, or the endpoint takes another method.
 */
function mustFail(world: DouyinFuzzWorld, path: string, method: string): boolean {
  const key = (text: string) => text.toLowerCase().replace(/\/$/, '');
  const resolved = key(new URL(path, 'http://localhost').pathname);
  const endpoint = world.endpoints.find((candidate) => key(candidate.path) === resolved);
  return endpoint === undefined || endpoint.method !== method;
}

/** Percent-encoded, a lone surrogate (which no URL can carry) as U+FFFD. */
function uriEncoded(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}

function randomPath(g: fc.GeneratorValue): string {
  const segments = Array.from({ length: g(fc.integer, { min: 0, max: 4 }) }, () =>
    pick(g, ['douyin', 'feed', 'user', 'x', '..', '%2e%2e', '%00', uriEncoded(fuzzText(g, 10))]),
  );
  return `/douyin/${segments.join('/')}${chance(g, 50) ? '/' : ''}`.replace(
    '/douyin/douyin',
    '/douyin/x',
  );
}

function paramValue(g: fc.GeneratorValue, world: DouyinFuzzWorld, name: string): string {
  const odd = () =>
    pick(g, ['', ' ', '0', '-1', '1.5', '1e3', '0x10', '99999999999999999999', 'abc']);
  switch (name) {
    case 'token':
      return weighted(g, [
        [5, () => pick(g, world.tokens)],
        [1, () => pick(g, ['', 'x.y.z', 'Bearer x'])],
        [1, () => fuzzText(g, 30)],
      ] as const)();
    case 'user_id':
    case 'video_id':
    case 'comment_id':
    case 'to_user_id':
      return chance(g, 70) ? pick(g, world.ids) : odd();
    case 'action_type':
      return chance(g, 70) ? pick(g, ['1', '2']) : pick(g, ['0', '3', ' 1', '1.0', 'x', '']);
    case 'latest_time':
    case 'pre_msg_time':
      return chance(g, 60) ? String(g(fc.integer, { min: 0, max: 2 ** 45 })) : odd();
    default:
      return fuzzText(g, 40);
  }
}

function params(g: fc.GeneratorValue, world: DouyinFuzzWorld): [string, string][] {
  const names = g(fc.subarray, paramNames);
  const pairs = names.map((name) => [name, paramValue(g, world, name)] as [string, string]);
  if (chance(g, 10)) pairs.push([fuzzText(g, 8), fuzzText(g, 8)]);
  if (chance(g, 5) && pairs.length > 0) pairs.push(pairs[0]!);
  return pairs;
}

/** A query string, mostly well escaped, now and then with escapes a parser must refuse. */
function queryString(g: fc.GeneratorValue, world: DouyinFuzzWorld): string {
  const text = new URLSearchParams(params(g, world)).toString();
  return weighted(g, [
    [10, () => text],
    [
      1,
      () =>
        `${text}&${pick(g, ['%zz', '%ff%fe=1', 'a=%', '=', '&&', 'content=%C0%AF', 'x=%E4%B8'])}`,
    ],
    [1, () => `${text}&comment_text=${'a'.repeat(g(fc.integer, { min: 1000, max: 9000 }))}`],
  ] as const)();
}

function body(
  g: fc.GeneratorValue,
  world: DouyinFuzzWorld,
): Pick<DouyinFuzzRequest, 'headers' | 'body'> {
  return weighted(g, [
    [3, () => ({ headers: {} })],
    [
      6,
      () => ({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params(g, world)).toString(),
      }),
    ],
    [
      3,
      () => {
        const form = new FormData();
        for (const [name, value] of params(g, world)) form.append(name, value);
        // a "video" of random bytes: the subgraph's probe must refuse it
        if (chance(g, 8))
          form.append('data', new Blob([g(fc.uint8Array, { maxLength: 256 })]), fuzzText(g, 12));
        return { headers: {}, body: form };
      },
    ],
    [
      1,
      () => ({
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: `--x\r\ncontent-disposition: form-data; name="${pick(g, paramNames)}"\r\n\r\n${fuzzText(g, 20)}${chance(g, 50) ? '\r\n--x--\r\n' : ''}`,
      }),
    ],
    [
      1,
      () => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Object.fromEntries(params(g, world))),
      }),
    ],
    [
      1,
      () => ({
        headers: {
          'content-type': pick(g, [
            'application/x-www-form-urlencoded',
            'text/plain',
            'application/octet-stream',
            'multipart/form-data',
          ]),
        },
        body: new Blob([g(fc.uint8Array, { maxLength: 300 })]),
      }),
    ],
    [
      1,
      () => ({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `content=${'x'.repeat(65 * 1024)}`,
      }),
    ],
  ] as const)();
}
