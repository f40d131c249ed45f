import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import path from 'node:path';
import FormData from 'form-data';
import sharp from 'sharp';
import { errorTable } from '@reel/common';
import { limits as restLimits } from '@reel/compat-rest/limits';
import { uploadSpoolDir } from '@reel/compat-rest/upload-spool';
import { videos } from '@reel/video-subgraph/db/schema';
import { eventually, makeVideo, seeder, type SeededUser } from '@reel/testkit';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { type Stack, startStack } from './harness';

const UPLOAD_LIMIT_MIB = 0.25; // this stack's limit, so "too large" needs only a small file
const OFFICIAL_FILEPATH = '../public/bear.mp4'; // as the official TestPublish names its file part

interface DouyinResponse {
  status: number;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

interface DouyinVideo {
  id: number;
  author: { id: number; name: string; work_count: number };
  play_url: string;
  cover_url: string;
  title: string;
}

interface VideoList {
  status_code: number;
  status_msg: string;
  video_list: DouyinVideo[];
}

interface FeedPage extends VideoList {
  next_time: number;
}

type Part =
  { name: string; value: string } | { name: string; file: string | Buffer; filepath?: string };

let stack: Stack;
let clip: string;

beforeAll(async () => {
  stack = await startStack({ MAX_UPLOAD_MIB: String(UPLOAD_LIMIT_MIB) });
  clip = await makeVideo({ seconds: 1, width: 320, height: 240 });
});
afterAll(async () => {
  await stack.close();
  await rm(path.dirname(clip), { recursive: true, force: true });
});

async function readResponse(response: IncomingMessage): Promise<DouyinResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return {
      status: response.statusCode ?? 0,
      contentType: response.headers['content-type'],
      body: JSON.parse(text) as Record<string, unknown>,
    };
  } catch {
    throw new Error(`HTTP ${response.statusCode} answered a body that is not JSON: ${text}`);
  }
}

async function get(route: string, query: Record<string, string> = {}): Promise<DouyinResponse> {
  const url = new URL(route, stack.restUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.append(key, value);
  return new Promise((resolve, reject) => {
    httpRequest(url, (response) => readResponse(response).then(resolve, reject))
      .on('error', reject)
      .end();
  });
}

/**
 * POSTs /douyin/publish/action/ as a multipart body with the parts in the given order, streamed
 * chunked (no Content-Length) unless `knownLength`, as Go's and Android's clients may send it.
 */
async function publish(
  parts: Part[],
  options: { knownLength?: boolean; query?: Record<string, string> } = {},
): Promise<DouyinResponse> {
  const form = new FormData();
  for (const part of parts) {
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
  const headers: Record<string, string | number> = form.getHeaders();
  if (options.knownLength) {
    headers['content-length'] = await new Promise<number>((resolve, reject) =>
      form.getLength((error, length) => (error ? reject(error) : resolve(length))),
    );
  }
  const url = new URL('/douyin/publish/action/', stack.restUrl);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.append(key, value);
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers });
    outgoing.on('error', reject);
    outgoing.once('response', (response) => readResponse(response).then(resolve, reject));
    form.pipe(outgoing);
  });
}

/** The parts the official TestPublish sends, in its order: the file before the token. */
function officialParts(
  token: string | undefined,
  title: string | undefined,
  file: string | Buffer,
) {
  const parts: Part[] = [{ name: 'data', file, filepath: OFFICIAL_FILEPATH }];
  if (token !== undefined) parts.push({ name: 'token', value: token });
  if (title !== undefined) parts.push({ name: 'title', value: title });
  return parts;
}

const publishList = (query: Record<string, string>) => get('/douyin/publish/list/', query);
const feed = (query: Record<string, string> = {}) => get('/douyin/feed/', query);

function expectDouyinJson(response: DouyinResponse) {
  expect(response.status).toBe(200);
  expect(response.contentType).toBe('application/json; charset=utf-8');
}

/** douyin-api.md §2.1: all 11 keys with their JSON types; the unfederated ones neutral. */
function douyinUser(user: SeededUser, workCount: number) {
  return {
    id: Number(user.user.id),
    name: user.user.name,
    follow_count: 0,
    follower_count: 0,
    is_follow: false,
    avatar: expect.stringMatching(/^http:\/\/\S+$/),
    background_image: expect.stringMatching(/^http:\/\/\S+$/),
    signature: expect.any(String),
    total_favorited: 0,
    work_count: workCount,
    favorite_count: 0,
  };
}

/** douyin-api.md §2.2: all 8 keys with absolute media URLs. */
function douyinVideo(author: SeededUser, workCount: number, title: string) {
  return {
    id: expect.any(Number),
    author: douyinUser(author, workCount),
    play_url: expect.stringMatching(new RegExp(`^${stack.gatewayUrl}/media/videos/\\S+\\.mp4$`)),
    cover_url: expect.stringMatching(new RegExp(`^${stack.gatewayUrl}/media/covers/\\S+\\.jpg$`)),
    favorite_count: 0,
    comment_count: 0,
    is_favorite: false,
    title,
  };
}

async function publishOk(author: SeededUser, title: string): Promise<void> {
  const response = await publish(officialParts(author.token, title, clip));
  expect(response.body).toEqual({ status_code: 0, status_msg: `${title} uploaded successfully` });
}

async function listOf(author: SeededUser): Promise<DouyinVideo[]> {
  const response = await publishList({ user_id: author.user.id });
  expect(response.body).toMatchObject({ status_code: 0 });
  return (response.body as unknown as VideoList).video_list;
}

const spoolFiles = async () => (await readdir(uploadSpoolDir).catch(() => [])).sort();

describe('POST /douyin/publish/action/ then GET /douyin/publish/list/', () => {
  it('publishes the way the official test does and lists the video at once, complete', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publish(officialParts(author.token, 'Bear', clip));
    expectDouyinJson(response);
    expect(response.body).toEqual({ status_code: 0, status_msg: 'Bear uploaded successfully' });

    const list = await publishList({ user_id: author.user.id });
    expectDouyinJson(list);
    expect(list.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      video_list: [douyinVideo(author, 1, 'Bear')],
    });
    const [video] = (list.body as unknown as VideoList).video_list;
    expect(Number.isSafeInteger(video!.id) && video!.id > 0).toBe(true);

    const cover = await fetch(video!.cover_url);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/jpeg');
    const coverMeta = await sharp(Buffer.from(await cover.arrayBuffer())).metadata();
    expect(coverMeta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    const play = await fetch(video!.play_url, { headers: { range: 'bytes=0-7' } });
    expect(play.status).toBe(206);
    expect(play.headers.get('content-type')).toBe('video/mp4');

    const page = (await feed()).body as unknown as FeedPage;
    expect(page.video_list.find((listed) => listed.id === video!.id)).toEqual(video);
    const profile = await get('/douyin/user/', { token: author.token });
    expect(profile.body).toMatchObject({ status_code: 0, user: douyinUser(author, 1) });
  });

  it('takes the token from the query string too', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publish(officialParts(undefined, 'Query token', clip), {
      query: { token: author.token },
    });
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'Query token uploaded successfully',
    });
    expect((await listOf(author)).map((video) => video.title)).toEqual(['Query token']);
  });

  it('lists every video of the user, newest first, with the work count in each author', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    for (const title of ['first', 'second', 'third']) await publishOk(author, title);
    const listed = await listOf(author);
    expect(listed).toEqual(['third', 'second', 'first'].map((t) => douyinVideo(author, 3, t)));
  });

  it("lists the token user's videos when user_id is absent or unparseable", async () => {
    const author = await seeder(stack.gatewayUrl).user();
    await publishOk(author, 'mine');
    const queries: Record<string, string>[] = [
      { token: author.token },
      { token: author.token, user_id: 'abc' },
    ];
    for (const query of queries) {
      const response = await publishList(query);
      expect(response.body).toEqual({
        status_code: 0,
        status_msg: 'success',
        video_list: [douyinVideo(author, 1, 'mine')],
      });
    }
  });

  it('lists [] for a user without videos, to guests too', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publishList({ user_id: author.user.id });
    expect(response.body).toEqual({ status_code: 0, status_msg: 'success', video_list: [] });
  });

  it.each([
    ['no user_id and no token', {}, 'BAD_USER_INPUT', /user_id/],
    ['an unparseable user_id and no token', { user_id: '1.5' }, 'BAD_USER_INPUT', /user_id/],
    ['a user nobody has', { user_id: '987654321' }, 'NOT_FOUND', /User not found/],
    ['a bad token', { user_id: '1', token: 'not-a-jwt' }, 'UNAUTHENTICATED', /invalid/i],
  ] as const)(
    'refuses %s with a readable message and video_list []',
    async (_case, query, code, message) => {
      const response = await publishList(query);
      expectDouyinJson(response);
      expect(response.body).toEqual({
        status_code: errorTable[code].httpStatus,
        status_msg: expect.stringMatching(message),
        video_list: [],
      });
    },
  );
});

describe('GET /douyin/feed/', () => {
  // far in the past and before feed.test's rows (2001), so these pages hold only this file's rows
  const base = Date.UTC(1995, 0, 1);
  const seeded = restLimits.publishListMaxVideos + 1;
  let prolific: SeededUser;
  let seededIds: number[]; // newest first

  beforeAll(async () => {
    prolific = await seeder(stack.gatewayUrl).user();
    const rows = Array.from({ length: seeded }, (_, i) =>
      fakeVideoRow(Number(prolific.user.id), `seeded ${i}`, new Date(base + i)),
    );
    await stack.subgraphs.video.mysql.db.insert(videos).values(rows);
    const titles = rows.map((row) => row.title).reverse();
    const listed = await listOf(prolific);
    expect(listed.map((video) => video.title)).toEqual(titles.slice(0, listed.length));
    seededIds = listed.map((video) => video.id);
  });

  it(`publish/list stops at ${restLimits.publishListMaxVideos} videos, following the gateway's pages`, () => {
    expect(seededIds).toHaveLength(restLimits.publishListMaxVideos);
    expect(new Set(seededIds).size).toBe(seededIds.length);
  });

  it('answers at most 30 complete videos and next_time in ms without parameters', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    await publishOk(author, 'newest');
    const response = await feed();
    expectDouyinJson(response);
    const page = response.body as unknown as FeedPage;
    expect(page).toEqual({
      status_code: 0,
      status_msg: 'success',
      video_list: expect.any(Array),
      next_time: expect.any(Number),
    });
    expect(page.video_list.length).toBeGreaterThan(0);
    expect(page.video_list.length).toBeLessThanOrEqual(restLimits.feedVideos);
    expect(Number.isSafeInteger(page.next_time) && page.next_time > 0).toBe(true);
    expect(page.video_list).toContainEqual(douyinVideo(author, 1, 'newest'));
  });

  it('walks every page by echoing next_time as latest_time, never repeating a video, then starts over', async () => {
    const seen: number[] = [];
    let latestTime = base + seeded; // just after the newest seeded row
    let page: FeedPage;
    for (;;) {
      page = (await feed({ latest_time: String(latestTime) })).body as unknown as FeedPage;
      expect(page.status_code).toBe(0);
      if (page.video_list.length === 0) break;
      expect(page.video_list.length).toBeLessThanOrEqual(restLimits.feedVideos);
      seen.push(...page.video_list.map((video) => video.id));
      expect(page.next_time).toBeLessThan(latestTime);
      latestTime = page.next_time;
    }
    expect(seen.length / restLimits.feedVideos).toBeGreaterThan(3); // > 3 pages walked
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, seededIds.length)).toEqual(seededIds);
    expect(seen).toHaveLength(seeded);

    // an empty page answers now, so the app's next call loops back to the newest videos
    expect(Math.abs(page.next_time - Date.now())).toBeLessThan(10_000);
    const again = (await feed({ latest_time: String(page.next_time) })).body as unknown as FeedPage;
    expect(again.video_list.length).toBeGreaterThan(0);
  });

  it('reads latest_time in seconds as well as in ms', async () => {
    // the rows sit in the first second after `base`, so base + 1 s in either unit holds all of them
    const inMs = (await feed({ latest_time: String(base + 1000) })).body as unknown as FeedPage;
    const inSeconds = (await feed({ latest_time: String((base + 1000) / 1000) })).body;
    expect(inMs.video_list.map((video) => video.id)).toEqual(
      seededIds.slice(0, restLimits.feedVideos),
    );
    expect(inSeconds).toEqual(inMs);
  });

  it.each([['0'], [''], ['-5'], ['not-a-time']])(
    'reads latest_time=%j as now',
    async (latestTime) => {
      const author = await seeder(stack.gatewayUrl).user();
      await publishOk(author, 'just now');
      const page = (await feed({ latest_time: latestTime })).body as unknown as FeedPage;
      expect(page.status_code).toBe(0);
      expect(page.video_list).toContainEqual(douyinVideo(author, 1, 'just now'));
    },
  );

  it('answers an empty page as video_list [] and next_time now', async () => {
    const before = Date.now();
    const response = await feed({ latest_time: '1' });
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: 0,
      status_msg: 'success',
      video_list: [],
      next_time: expect.any(Number),
    });
    const nextTime = (response.body as unknown as FeedPage).next_time;
    expect(nextTime).toBeGreaterThanOrEqual(before);
    expect(nextTime).toBeLessThanOrEqual(Date.now());
  });

  it('takes an optional token, and refuses a bad one', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    // rows 1 and 0; row 1 is the oldest publish/list showed (row 0 is past its cap)
    const withToken = await feed({ token: viewer.token, latest_time: String(base + 2) });
    expect(withToken.body).toMatchObject({ status_code: 0 });
    const { video_list: oldest } = withToken.body as unknown as FeedPage;
    expect(oldest).toHaveLength(2);
    expect(oldest[0]?.id).toBe(seededIds.at(-1));
    const badToken = await feed({ token: `${viewer.token}x` });
    expect(badToken.body).toEqual({
      status_code: errorTable.UNAUTHENTICATED.httpStatus,
      status_msg: expect.stringMatching(/invalid/i),
      video_list: [],
      next_time: 0,
    });
  });
});

describe('publish rejections leave no video and no spooled file', () => {
  let uploader: SeededUser;
  beforeAll(async () => {
    uploader = await seeder(stack.gatewayUrl).user();
  });

  const tooLarge = () => Buffer.alloc(UPLOAD_LIMIT_MIB * 1024 * 1024 + 1, 1);

  const cases: [string, () => Promise<DouyinResponse>, keyof typeof errorTable, RegExp][] = [
    [
      'a file over the limit, streamed without a length',
      () => publish(officialParts(uploader.token, 'big', tooLarge())),
      'PAYLOAD_TOO_LARGE',
      /larger than the 0.25 MiB upload limit/,
    ],
    [
      'a declared length over the limit, before the body is read',
      () =>
        publish(officialParts(uploader.token, 'big', Buffer.alloc(2 * 1024 * 1024, 1)), {
          knownLength: true,
        }),
      'PAYLOAD_TOO_LARGE',
      /larger than the 0.25 MiB upload limit/,
    ],
    [
      'an empty file',
      () => publish(officialParts(uploader.token, 'empty', Buffer.alloc(0))),
      'BAD_USER_INPUT',
      /empty/,
    ],
    [
      'a file that is not a video',
      async () => {
        const png = await sharp({
          create: { width: 8, height: 8, channels: 3, background: '#f00' },
        })
          .png()
          .toBuffer();
        return publish(officialParts(uploader.token, 'png', png));
      },
      'UNSUPPORTED_MEDIA_TYPE',
      /not a supported video/,
    ],
    [
      'a blank title',
      () => publish(officialParts(uploader.token, '   ', clip)),
      'BAD_USER_INPUT',
      /title must not be empty/,
    ],
    [
      'no title',
      () => publish(officialParts(uploader.token, undefined, clip)),
      'BAD_USER_INPUT',
      /title must not be empty/,
    ],
    [
      'a title over 100 characters',
      () => publish(officialParts(uploader.token, 'x'.repeat(101), clip)),
      'BAD_USER_INPUT',
      /at most 100 characters/,
    ],
    [
      'no token',
      () => publish(officialParts(undefined, 'clip', clip)),
      'UNAUTHENTICATED',
      /token parameter is missing/,
    ],
    [
      'a bad token',
      () => publish(officialParts(`${uploader.token}x`, 'clip', clip)),
      'UNAUTHENTICATED',
      /invalid/i,
    ],
    [
      'no data part',
      () =>
        publish([
          { name: 'token', value: uploader.token },
          { name: 'title', value: 'clip' },
        ]),
      'BAD_USER_INPUT',
      /video file is missing/,
    ],
  ];

  it.each(cases)('%s', async (_case, send, code, message) => {
    const spooledBefore = await spoolFiles();
    const response = await send();
    expectDouyinJson(response);
    expect(response.body).toEqual({
      status_code: errorTable[code].httpStatus,
      status_msg: expect.stringMatching(message),
    });
    expect(await listOf(uploader)).toEqual([]);
    await eventually(async () => expect(await spoolFiles()).toEqual(spooledBefore));
  });

  it('deletes the spooled file when the client goes away mid-upload', async () => {
    const spooledBefore = await spoolFiles();
    const boundary = 'reel-abandoned-upload';
    const outgoing = httpRequest(new URL('/douyin/publish/action/', stack.restUrl), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    outgoing.on('error', () => {}); // the abort below is the point
    outgoing.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="${OFFICIAL_FILEPATH}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    outgoing.write(Buffer.alloc(64 * 1024, 1));
    await eventually(async () =>
      expect((await spoolFiles()).filter((file) => !spooledBefore.includes(file))).toHaveLength(1),
    );
    outgoing.destroy();
    await eventually(async () => expect(await spoolFiles()).toEqual(spooledBefore));
    expect(await listOf(uploader)).toEqual([]);
  });
});
