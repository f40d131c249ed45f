import { readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { cacheKeys, type ErrorCode } from '@reel/common';
import { limits as restLimits } from '@reel/compat-rest/limits';
import { videos } from '@reel/video-subgraph/db/schema';
import { eventually, makeVideo, seeder, type SeededUser } from '@reel/testkit';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import {
  douyin,
  type DouyinBody,
  type DouyinClient,
  type DouyinResponse,
  douyinUser,
  type DouyinVideo,
  douyinVideo,
  expectDouyinError,
  expectDouyinOk,
  type MultipartPart,
  type MultipartRequest,
  newAccount,
  type Stack,
  startStack,
} from './harness';

const UPLOAD_LIMIT_MIB = 0.25; // this stack's limit, so "too large" needs only a small file
const OFFICIAL_FILEPATH = '../public/bear.mp4'; // as the official TestPublish names its file part

interface VideoList extends DouyinBody {
  video_list: DouyinVideo[];
}

interface FeedPage extends VideoList {
  next_time: number;
}

let stack: Stack;
let rest: DouyinClient;
let clip: string;

beforeAll(async () => {
  stack = await startStack({ MAX_UPLOAD_MIB: String(UPLOAD_LIMIT_MIB) });
  rest = douyin(stack.restUrl);
  clip = await makeVideo({ seconds: 1, width: 320, height: 240 });
});
afterAll(async () => {
  await stack.close();
  await rm(path.dirname(clip), { recursive: true, force: true });
});

const publish = (parts: MultipartPart[], request?: MultipartRequest) =>
  rest.postMultipart('/douyin/publish/action/', parts, request);

/** The parts the official TestPublish sends, in its order: the file before the token. */
function officialParts(
  token: string | undefined,
  title: string | undefined,
  file: string | Buffer,
) {
  const parts: MultipartPart[] = [{ name: 'data', file, filepath: OFFICIAL_FILEPATH }];
  if (token !== undefined) parts.push({ name: 'token', value: token });
  if (title !== undefined) parts.push({ name: 'title', value: title });
  return parts;
}

const publishList = (query: Record<string, string>) =>
  rest.get<VideoList>('/douyin/publish/list/', { query });
const feed = (query: Record<string, string> = {}) => rest.get<FeedPage>('/douyin/feed/', { query });

/** A seeded user as a douyin User: nobody follows them yet; they published `workCount` videos. */
const authorOf = (user: SeededUser, workCount: number) =>
  douyinUser({
    ...newAccount,
    id: Number(user.user.id),
    name: user.user.name,
    work_count: workCount,
  });

/** A video of `author` as a douyin Video, its media served by this stack's gateway. */
const videoOf = (author: SeededUser, workCount: number, title: string) =>
  douyinVideo({
    author: authorOf(author, workCount),
    play_url: expect.stringMatching(new RegExp(`^${stack.gatewayUrl}/media/videos/\\S+\\.mp4$`)),
    cover_url: expect.stringMatching(new RegExp(`^${stack.gatewayUrl}/media/covers/\\S+\\.jpg$`)),
    favorite_count: 0,
    comment_count: 0,
    is_favorite: false,
    title,
  });

async function publishOk(author: SeededUser, title: string): Promise<void> {
  const response = await publish(officialParts(author.token, title, clip));
  expectDouyinOk(response, { status_msg: `${title} uploaded successfully` });
}

async function listOf(author: SeededUser): Promise<DouyinVideo[]> {
  const response = await publishList({ user_id: author.user.id });
  expectDouyinOk(response, { video_list: expect.any(Array) });
  return response.body.video_list;
}

const spoolFiles = async () => (await readdir(stack.restSpoolDir)).sort();

describe('POST /douyin/publish/action/ then GET /douyin/publish/list/', () => {
  it('publishes the way the official test does and lists the video at once, complete', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publish(officialParts(author.token, 'Bear', clip));
    expectDouyinOk(response, { status_msg: 'Bear uploaded successfully' });

    const list = await publishList({ user_id: author.user.id });
    expectDouyinOk(list, { video_list: [videoOf(author, 1, 'Bear')] });
    const [video] = list.body.video_list;
    expect(Number.isSafeInteger(video!.id) && video!.id > 0).toBe(true);

    const cover = await fetch(video!.cover_url);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/jpeg');
    const coverMeta = await sharp(Buffer.from(await cover.arrayBuffer())).metadata();
    expect(coverMeta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    const play = await fetch(video!.play_url, { headers: { range: 'bytes=0-7' } });
    expect(play.status).toBe(206);
    expect(play.headers.get('content-type')).toBe('video/mp4');

    const page = (await feed()).body;
    expect(page.video_list.find((listed) => listed.id === video!.id)).toEqual(video);
    const profile = await rest.get('/douyin/user/', { query: { token: author.token } });
    expectDouyinOk(profile, { user: authorOf(author, 1) });
  });

  it('takes the token from the query string too', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publish(officialParts(undefined, 'Query token', clip), {
      query: { token: author.token },
    });
    expectDouyinOk(response, { status_msg: 'Query token uploaded successfully' });
    expect((await listOf(author)).map((video) => video.title)).toEqual(['Query token']);
  });

  it('lists every video of the user, newest first, with the work count in each author', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    for (const title of ['first', 'second', 'third']) await publishOk(author, title);
    const listed = await listOf(author);
    expect(listed).toEqual(['third', 'second', 'first'].map((t) => videoOf(author, 3, t)));
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
      expectDouyinOk(response, { video_list: [videoOf(author, 1, 'mine')] });
    }
  });

  it('lists [] for a user without videos, to guests too', async () => {
    const author = await seeder(stack.gatewayUrl).user();
    const response = await publishList({ user_id: author.user.id });
    expectDouyinOk(response, { video_list: [] });
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
      expectDouyinError(response, code, message, { video_list: [] });
    },
  );
});

describe('GET /douyin/feed/', () => {
  // before anything the other tests here publish (now), so the pages below base + seeded are
  // exactly the seeded rows; on a whole second, so base + 1 s in seconds means the same instant
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
    await stack.bumpCacheVersions([cacheKeys.feed, cacheKeys.user(prolific.user.id)]);
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
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    await seed.video(author.token, { title: 'newest' });
    const response = await feed();
    expectDouyinOk(response, { video_list: expect.any(Array), next_time: expect.any(Number) });
    const page = response.body;
    expect(page.video_list.length).toBeGreaterThan(0);
    expect(page.video_list.length).toBeLessThanOrEqual(restLimits.feedVideos);
    expect(Number.isSafeInteger(page.next_time) && page.next_time > 0).toBe(true);
    expect(page.video_list).toContainEqual(videoOf(author, 1, 'newest'));
  });

  it('walks every page by echoing next_time as latest_time, never repeating a video, then starts over', async () => {
    const seen: number[] = [];
    let latestTime = base + seeded; // just after the newest seeded row
    let page: FeedPage;
    for (;;) {
      page = (await feed({ latest_time: String(latestTime) })).body;
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
    const again = (await feed({ latest_time: String(page.next_time) })).body;
    expect(again.video_list.length).toBeGreaterThan(0);
  });

  it('reads latest_time in seconds as well as in ms', async () => {
    // the rows sit in the first second after `base`, so base + 1 s in either unit holds all of them
    const inMs = (await feed({ latest_time: String(base + 1000) })).body;
    const inSeconds = (await feed({ latest_time: String((base + 1000) / 1000) })).body;
    expect(inMs.video_list.map((video) => video.id)).toEqual(
      seededIds.slice(0, restLimits.feedVideos),
    );
    expect(inSeconds).toEqual(inMs);
  });

  it.each([['0'], [''], ['-5'], ['not-a-time']])(
    'reads latest_time=%j as now',
    async (latestTime) => {
      const seed = seeder(stack.gatewayUrl);
      const author = await seed.user();
      await seed.video(author.token, { title: 'just now' });
      const response = await feed({ latest_time: latestTime });
      expectDouyinOk(response, { video_list: expect.any(Array), next_time: expect.any(Number) });
      expect(response.body.video_list).toContainEqual(videoOf(author, 1, 'just now'));
    },
  );

  it('answers an empty page as video_list [] and next_time now', async () => {
    const before = Date.now();
    const response = await feed({ latest_time: '1' });
    expectDouyinOk(response, { video_list: [], next_time: expect.any(Number) });
    const nextTime = response.body.next_time;
    expect(nextTime).toBeGreaterThanOrEqual(before);
    expect(nextTime).toBeLessThanOrEqual(Date.now());
  });

  it('takes an optional token, and refuses a bad one', async () => {
    const viewer = await seeder(stack.gatewayUrl).user();
    // rows 1 and 0; row 1 is the oldest publish/list showed (row 0 is past its cap)
    const withToken = await feed({ token: viewer.token, latest_time: String(base + 2) });
    expectDouyinOk(withToken, { video_list: expect.any(Array), next_time: expect.any(Number) });
    const { video_list: oldest } = withToken.body;
    expect(oldest).toHaveLength(2);
    expect(oldest[0]?.id).toBe(seededIds.at(-1));
    const badToken = await feed({ token: `${viewer.token}x` });
    expectDouyinError(badToken, 'UNAUTHENTICATED', /invalid/i, { video_list: [], next_time: 0 });
  });
});

describe('publish rejections leave no video and no spooled file', () => {
  let uploader: SeededUser;
  beforeAll(async () => {
    uploader = await seeder(stack.gatewayUrl).user();
  });

  const tooLarge = () => Buffer.alloc(UPLOAD_LIMIT_MIB * 1024 * 1024 + 1, 1);

  const cases: [string, () => Promise<DouyinResponse>, ErrorCode, RegExp][] = [
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
    const response = await send();
    expectDouyinError(response, code, message);
    expect(await listOf(uploader)).toEqual([]);
    await eventually(async () => expect(await spoolFiles()).toEqual([]));
  });

  it('deletes the spooled file when the client goes away mid-upload', async () => {
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
    await eventually(async () => expect(await spoolFiles()).toHaveLength(1));
    outgoing.destroy();
    await eventually(async () => expect(await spoolFiles()).toEqual([]));
    expect(await listOf(uploader)).toEqual([]);
  });
});
