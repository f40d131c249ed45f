// page.evaluate bodies run in the browser
/// <reference lib="dom" />
/**
 * The web client (apps/web) in a real browser: Debian's Chromium driven by playwright-core,
 * against a whole stack whose gateway serves the client's production build at `/`. Two browser
 * contexts, A and B, use it as two people would. Failures leave screenshots of both under
 * test-results/web/; a passing run refreshes docs/screenshots/ (the README shows them).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { graphql, makeVideo } from '@reel/testkit';
import { ensureWebClientBuilt } from '../scripts/lib/web-client';
import { type Stack, startStack } from './harness';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '..');
const failureDir = path.join(repoRoot, 'test-results', 'web');
const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');
const stepTimeoutMs = 15_000; // any one selector wait
const liveOrPolledMs = 12_000; // a live event, or the next refetch (3 s comments, 2 s chat)
// a 1×1 PNG: what a user sends when they pick an image renamed .mp4
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let stack: Stack;
let browser: Browser;
const people: Record<'a' | 'b', { context: BrowserContext; page: Page; name: string; id: string }> =
  {} as never;
let subscriptions: string[] = [];
let clip: string;
let videoId: string;
const videoTitle = `Sunset run ${Date.now() % 100_000}`;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: run \`apt-get install -y chromium\` ` +
        '(.ci/run does), or point CHROMIUM_PATH at a Chromium binary',
    );
  }
  ensureWebClientBuilt({ force: true, quiet: true });
  [stack, browser, clip] = await Promise.all([
    startStack(),
    chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--headless',
      ],
    }),
    makeVideo({ seconds: 3, width: 360, height: 640 }),
  ]);
  const introspection = await graphql<{ __type: { fields: { name: string }[] } | null }>(
    stack.gatewayUrl,
    '{ __type(name: "Subscription") { fields { name } } }',
  );
  subscriptions = introspection.data?.__type?.fields.map(({ name }) => name) ?? [];
  const suffix = Date.now().toString(36).slice(-5);
  for (const who of ['a', 'b'] as const) {
    // a phone-sized window: the layout is mobile first
    const context = await browser.newContext({ viewport: { width: 390, height: 780 } });
    const page = await context.newPage();
    page.setDefaultTimeout(stepTimeoutMs);
    people[who] = { context, page, name: `${who}_${suffix}`, id: '' };
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Runs a step; on failure saves what A and B were looking at, then fails with the cause. */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    mkdirSync(failureDir, { recursive: true });
    for (const [who, { page }] of Object.entries(people)) {
      await page
        .screenshot({ path: path.join(failureDir, `${name}-${who}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw error;
  }
}

const url = (route: string) => `${stack.gatewayUrl}${route}`;

it('serves the client at / and client routes, while API paths keep their answers', async () => {
  const page = await fetch(url('/chat/1'), { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  const api = await fetch(url('/no-such-thing'));
  expect(api.status).toBe(404);
  expect(await api.json()).toEqual({
    errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }],
  });
  expect((await fetch(url('/healthz'))).status).toBe(200);
});

it('A and B each register, with field errors first', async () => {
  for (const who of ['a', 'b'] as const) {
    const person = people[who];
    const { page } = person;
    await step(`register-${who}`, async () => {
      await page.goto(url('/login'));
      await page.getByRole('tab', { name: 'Sign up' }).click();
      await page.fill('input[name=username]', person.name);
      await page.fill('input[name=password]', '123');
      await page.getByRole('button', { name: 'Create account' }).click();
      expect(await page.textContent('[data-testid=password-error]')).toBe(
        'Between 6 and 32 characters',
      );
      await page.fill('input[name=password]', 'secret-password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(url('/'));
      person.id = await page.evaluate(
        () =>
          (JSON.parse(localStorage.getItem('reel.session') ?? '{}') as { userId: string }).userId,
      );
      expect(person.id).toMatch(/^\d+$/);
    });
  }
});

it('A uploads a video, the progress bar reaches 100%, and the video opens the feed', async () => {
  const { page } = people.a;
  await step('upload', async () => {
    await page.goto(url('/upload'));
    // every value the bar shows, recorded as it changes (the screen moves on once published)
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=upload-progress]');
        const value = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
        if (!Number.isNaN(value) && seen.at(-1) !== value) seen.push(value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.setInputFiles('[data-testid=upload-file]', clip);
    await page.fill('[data-testid=upload-title]', videoTitle);
    await page.click('[data-testid=upload-submit]');
    await page.waitForURL(url('/'), { timeout: 30_000 });
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: number[] }).progressSeen,
    );
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    const first = page.locator('[data-testid=video-card]').first();
    expect(await first.locator('[data-testid=video-title]').textContent()).toBe(videoTitle);
    videoId = (await first.getAttribute('data-video-id')) ?? '';
    expect(videoId).toMatch(/^\d+$/);
  });
});

it('B sees the video in the feed and likes it: the count moves at once, and stays', async () => {
  const { page } = people.b;
  await step('like', async () => {
    await page.goto(url('/'));
    const card = page.locator(`[data-testid=video-card][data-video-id="${videoId}"]`);
    expect(await card.locator('[data-testid=video-title]').textContent()).toBe(videoTitle);
    await card.locator('[data-testid=like-count]', { hasText: '0' }).waitFor();
    // optimistic: the count changes while the likeVideo request is held, before any answer
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const isLike = (postData: string | null) => (postData ?? '').includes('likeVideo');
    await page.route('**/graphql', async (route) => {
      if (isLike(route.request().postData())) await held;
      await route.continue();
    });
    const answered = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && isLike(response.request().postData()),
    );
    await card.locator('[data-testid=like-button]').click();
    await card.locator('[data-testid=like-count]', { hasText: '1' }).waitFor();
    release();
    await answered; // the like is committed before the page is read again
    await page.unroute('**/graphql');
    await page.reload();
    await card.locator('[data-testid=like-button][aria-pressed=true]').waitFor();
    expect(await card.locator('[data-testid=like-count]').textContent()).toBe('1');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'feed.png') });
  });
});

it('B comments; A, with the comments panel open, sees it arrive without a reload', async () => {
  const a = people.a.page;
  const b = people.b.page;
  const live = subscriptions.includes('commentAdded');
  await step('comments', async () => {
    await a.goto(url(`/v/${videoId}`));
    await a.click('[data-testid=comments-button]');
    const panel = a.locator('[data-testid=comments-panel]');
    await panel.locator('.empty', { hasText: 'No comments yet.' }).waitFor();
    // live when the gateway serves commentAdded; refetching while it does not
    await a
      .locator(`[data-testid=comments-panel][data-live="${String(live)}"]`)
      .waitFor({ timeout: 5000 });

    const card = b.locator(`[data-testid=video-card][data-video-id="${videoId}"]`);
    await card.locator('[data-testid=comments-button]').click();
    await b.fill('[data-testid=comment-input]', 'Nice shot!');
    await b.getByRole('button', { name: 'Send' }).click();
    await b.locator('[data-testid=comment-item]', { hasText: 'Nice shot!' }).waitFor();

    await panel
      .locator('[data-testid=comment-item]', { hasText: 'Nice shot!' })
      .waitFor({ timeout: liveOrPolledMs });
    expect(await panel.locator('[data-testid=comment-item]').count()).toBe(1);
  });
});

it('B sends a danmaku and A, watching the video, sees it fly over it', async () => {
  const a = people.a.page;
  const b = people.b.page;
  await step('danmaku', async () => {
    // A is still on the video's page; it plays muted, so the timeline moves
    await a.locator('[data-testid=video-card][data-playing=true]').waitFor();
    await a.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0);
    await b.goto(url(`/v/${videoId}`));
    await b.click('[data-testid=danmaku-button]');
    await b.fill('[data-testid=danmaku-input]', 'what a view');
    await b.getByRole('button', { name: 'Send' }).click();
    // one's own flies at once
    await b.locator('[data-testid=danmaku]', { hasText: 'what a view' }).waitFor();
    // live through danmakuAdded; else when A's looping 3 s clip next passes its moment
    await a
      .locator('[data-testid=danmaku]', { hasText: 'what a view' })
      .waitFor({ timeout: liveOrPolledMs });
  });
});

it('B follows A, A follows back, and each sees the other among friends', async () => {
  const { a, b } = people;
  await step('follow', async () => {
    await b.page.goto(url(`/u/${a.id}`));
    await b.page.locator('[data-testid=profile-name]', { hasText: a.name }).waitFor();
    await b.page.click('[data-testid=follow-button]');
    await b.page.locator('[data-testid=follow-button]', { hasText: 'Following' }).waitFor();
    expect(await b.page.textContent('[data-testid=follower-count]')).toBe('1');

    await a.page.goto(url(`/u/${b.id}`));
    await a.page.click('[data-testid=follow-button]');
    await a.page.locator('[data-testid=follow-button]', { hasText: 'Following' }).waitFor();

    for (const [me, friend] of [
      [a, b],
      [b, a],
    ] as const) {
      await me.page.goto(url('/friends'));
      await me.page.locator('[data-testid=friend-item]', { hasText: friend.name }).waitFor();
    }
  });
});

it("B sends A a message and A's open chat shows it without a reload", async () => {
  const { a, b } = people;
  await step('chat', async () => {
    await a.page.click(`[data-testid=friend-item]:has-text("${b.name}")`).catch(async () => {
      await a.page.goto(url('/friends'));
      await a.page.click(`[data-testid=friend-item]:has-text("${b.name}")`);
    });
    await a.page.waitForURL(url(`/chat/${b.id}`));
    await a.page.locator('[data-testid=chat] .empty', { hasText: 'No messages yet.' }).waitFor();
    // live when the gateway serves messageReceived; polling while it does not
    const live = subscriptions.includes('messageReceived');
    await a.page
      .locator(`[data-testid=chat][data-live="${String(live)}"]`)
      .waitFor({ timeout: 5000 });

    await b.page.goto(url(`/chat/${a.id}`));
    await b.page.fill('[data-testid=chat-input]', 'Hi A, loved your video!');
    await b.page.getByRole('button', { name: 'Send' }).click();
    await b.page.locator('[data-testid=chat-message]', { hasText: 'loved your video' }).waitFor();

    await a.page
      .locator('[data-testid=chat-message]', { hasText: 'Hi A, loved your video!' })
      .waitFor({ timeout: liveOrPolledMs });
    await a.page.fill('[data-testid=chat-input]', 'Thanks B, more soon');
    await a.page.getByRole('button', { name: 'Send' }).click();
    await b.page
      .locator('[data-testid=chat-message]', { hasText: 'Thanks B' })
      .waitFor({ timeout: liveOrPolledMs });
    expect(await a.page.locator('[data-testid=chat-message]').allTextContents()).toEqual([
      'Hi A, loved your video!',
      'Thanks B, more soon',
    ]);
    mkdirSync(screenshotDir, { recursive: true });
    await a.page.screenshot({ path: path.join(screenshotDir, 'chat.png') });
  });
});

it("an upload of a PNG named .mp4 shows the server's error", async () => {
  const { page } = people.a;
  await step('upload-png', async () => {
    await page.goto(url('/upload'));
    await page.setInputFiles('[data-testid=upload-file]', {
      name: 'holiday.mp4',
      mimeType: 'video/mp4',
      buffer: png,
    });
    await page.fill('[data-testid=upload-title]', 'Not really a video');
    await page.click('[data-testid=upload-submit]');
    const error = page.locator('[data-testid=upload-error]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/not a supported video/);
    expect(page.url()).toBe(url('/upload'));
  });
});
