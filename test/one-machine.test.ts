import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { withDeadline } from '@reel/common';
import { eventually, graphql, seeder, uniqueName } from '@reel/testkit';
import { buildServer } from '../scripts/lib/build';
import {
  connectSocket,
  douyin,
  expectDouyinOk,
  openSocket,
  type ProcessStack,
  startProcessStack,
} from './harness';

const STACK_DEADLINE_MS = 240_000; // a build, then two workers each building every subgraph
const EXIT_DEADLINE_MS = 30_000; // in-flight requests get 10 s (packages/common/src/service.ts)
const TEST_TIMEOUT_MS = 120_000;
const WORKERS = 2;
const LIVE_DEADLINE_MS = 60_000; // for a socket's first subscription to go live, under load
const PROBES_PER_USER = 10; // below actionRateLimits.comment's 20 a minute

/** The stack's live processes other than the primary: its workers. */
function workerPids(stack: ProcessStack): number[] {
  return stack.gateway
    .processesLeft()
    .map((entry) => Number(entry.split(' ')[0]))
    .filter((pid) => pid !== stack.gateway.pid);
}

const ADDED = `subscription ($video: ID!) { commentAdded(videoId: $video) { id content } }`;

describe('npm start’s single topology: every service in one process, as workers, compiled', () => {
  const buildDir = path.resolve(
    __dirname,
    '..',
    '.data',
    `build-${randomBytes(4).toString('hex')}`,
  );
  let stack: ProcessStack;
  beforeAll(async () => {
    await buildServer(buildDir);
    stack = await startProcessStack({ topology: 'single', workers: WORKERS, builtIn: buildDir });
  }, STACK_DEADLINE_MS);
  afterAll(async () => {
    await stack?.close();
    await rm(buildDir, { recursive: true, force: true });
  }, STACK_DEADLINE_MS);

  it('serves GraphQL and the Douyin REST API from one process; a REST token works on both doors', async () => {
    const rest = douyin(stack.restUrl);
    const username = uniqueName('one');
    const registered = await rest.post<{ status_code: number; user_id: number; token: string }>(
      '/douyin/user/register/',
      { query: { username, password: 'secret-pass' } },
    );
    expectDouyinOk(registered, { user_id: expect.any(Number), token: expect.any(String) });
    const { user_id: id, token } = registered.body;

    const viewer = await graphql(stack.gateway.url, '{ viewer { id name } }', {}, { token });
    expect(viewer).toEqual({ status: 200, data: { viewer: { id: String(id), name: username } } });
    const info = await rest.get('/douyin/user/', { query: { user_id: String(id), token } });
    expectDouyinOk(info, { user: expect.objectContaining({ id, name: username }) });
    // a forged token is refused in-process with the code the HTTP hop used to carry
    const forged = await rest.get('/douyin/user/', {
      query: { user_id: String(id), token: `${token}x` },
    });
    expect(forged.body).toMatchObject({ status_code: expect.any(Number), user: null });
    expect(forged.body.status_code).not.toBe(0);
  });

  it(
    'delivers comments written through any worker to a socket on any worker, each once',
    async () => {
      const users = seeder(stack.gateway.url);
      const author = await users.user();
      const { id: video } = await users.video(author.token);
      const socket = await openSocket(stack.gateway.url);
      const added = socket.subscribe(ADDED, { video });
      const rest = douyin(stack.restUrl);
      const comment = async (token: string, text: string) => {
        // a connection each: the primary hands connections to the workers in turn
        const answer = await rest.post<{ comment: { id: number } }>('/douyin/comment/action/', {
          query: { token, video_id: video, action_type: '1', comment_text: text },
          headers: { connection: 'close' },
        });
        expectDouyinOk(answer, { comment: expect.objectContaining({ content: text }) });
        return String(answer.body.comment.id);
      };
      // until the socket's subscription is live, a probe comment at a time, a fresh commenter
      // for every few (addComment's per-user limit is actionRateLimits.comment)
      let prober = author;
      let probes = 0;
      await eventually(
        async () => {
          if (probes > 0 && probes % PROBES_PER_USER === 0) prober = await users.user();
          probes += 1;
          await comment(prober.token, `probe ${probes}`);
          expect(added.received.length).toBeGreaterThan(0);
        },
        { timeoutMs: LIVE_DEADLINE_MS, intervalMs: 1_000 },
      );
      const writer = await users.user();
      const sent: string[] = [];
      for (let i = 0; i < 2 * WORKERS; i += 1) sent.push(await comment(writer.token, `live ${i}`));

      const live = sent;
      await eventually(
        () => {
          const ids = added.received.map(
            (event) => (event as { data: { commentAdded: { id: string } } }).data.commentAdded.id,
          );
          expect(ids.filter((commentId) => live.includes(commentId)).sort()).toEqual(
            [...live].sort(),
          );
          expect(new Set(ids).size).toBe(ids.length);
        },
        { timeoutMs: LIVE_DEADLINE_MS },
      );
      await socket.dispose();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'forks a replacement for a worker that dies, and both doors answer meanwhile',
    async () => {
      const before = workerPids(stack);
      expect(before).toHaveLength(WORKERS);
      process.kill(before[0]!, 'SIGKILL');
      // a replacement is forking once the primary has seen the death (a connection handed over
      // in that instant would die with the worker, like its requests in flight)
      await eventually(
        () => {
          const now = workerPids(stack);
          expect(now).toHaveLength(WORKERS);
          expect(now).not.toContain(before[0]);
        },
        { timeoutMs: TEST_TIMEOUT_MS / 2 },
      );
      // the survivor serves both doors while the replacement starts
      const feed = await douyin(stack.restUrl).get('/douyin/feed/');
      expectDouyinOk(feed, { video_list: expect.any(Array), next_time: expect.any(Number) });
      const viewer = await graphql(stack.gateway.url, '{ viewer { id } }');
      expect(viewer).toEqual({ status: 200, data: { viewer: null } });
      // and go on answering, a connection each, handed out in turn
      for (let i = 0; i < 2 * WORKERS; i += 1) {
        const ready = await fetch(`${stack.gateway.url}/readyz`, {
          headers: { connection: 'close' },
        });
        expect(ready.status).toBe(200);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'SIGTERM drains every worker: graphql-ws sockets closed with 1001, exit 0, nothing left',
    async () => {
      const { token } = await seeder(stack.gateway.url).user();
      const socket = connectSocket(stack.gateway.url, { authorization: `Bearer ${token}` });
      await expect(socket.outcome).resolves.toMatchObject({ connected: true });

      stack.gateway.terminate();
      await expect(
        withDeadline(socket.closed, EXIT_DEADLINE_MS, 'the socket stayed open'),
      ).resolves.toEqual({ code: 1001, reason: expect.any(String) });
      const exit = await withDeadline(
        stack.gateway.exited,
        EXIT_DEADLINE_MS,
        `the primary did not exit after SIGTERM:\n${stack.gateway.output()}`,
      );
      // its last lines (TEST_LOG_LEVEL=warn shows the workers' own) say why, when it failed
      expect({ exit, output: exit.code === 0 ? '' : stack.gateway.output() }).toEqual({
        exit: { code: 0, signal: null },
        output: '',
      });
      await eventually(() => expect(stack.gateway.processesLeft()).toEqual([]));
      await socket.dispose();
    },
    TEST_TIMEOUT_MS,
  );
});
