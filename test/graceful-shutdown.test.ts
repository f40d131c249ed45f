import { readdir, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { graphqlUploadForm, readJsonBody, sendForm, withDeadline } from '@reel/common';
import { eventually, makeVideo, publishMutation, seeder } from '@reel/testkit';
import {
  connectSocket,
  type ProcessStack,
  type ServiceProcess,
  startProcessStack,
} from './harness';

const STACK_DEADLINE_MS = 180_000; // four processes compiled by tsx on a machine others share
// a stopping service gives requests 10 s before it cuts their sockets (packages/common/src/service.ts)
const EXIT_DEADLINE_MS = 30_000;
const ANSWER_DEADLINE_MS = 30_000; // probe, cover and thumbnail of a one-second clip
const TEST_TIMEOUT_MS = 120_000;

async function expectCleanExit(service: ServiceProcess) {
  const exit = await withDeadline(
    service.exited,
    EXIT_DEADLINE_MS,
    `${service.name} did not exit after SIGTERM:\n${service.output()}`,
  );
  expect(exit).toEqual({ code: 0, signal: null });
  await eventually(() => expect(service.processesLeft()).toEqual([]));
}

describe('SIGTERM, with each service a process of its own as `npm start` runs them', () => {
  let stack: ProcessStack;
  beforeAll(async () => {
    stack = await startProcessStack();
  }, STACK_DEADLINE_MS);
  // every process still running gets SIGTERM too, and must exit 0 leaving nothing behind
  afterAll(() => stack?.close(), STACK_DEADLINE_MS);

  it(
    'closes the graphql-ws sockets with 1001, and the gateway still exits 0',
    async () => {
      const gateway = await stack.startGateway();
      const { token } = await seeder(gateway.url).user();
      const socket = connectSocket(gateway.url, { authorization: `Bearer ${token}` });
      await expect(socket.outcome).resolves.toMatchObject({ connected: true });

      gateway.terminate();
      await expect(
        withDeadline(socket.closed, EXIT_DEADLINE_MS, 'the socket stayed open'),
      ).resolves.toEqual({ code: 1001, reason: expect.any(String) });
      await expectCleanExit(gateway);
      await socket.dispose();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers the upload in flight, refuses new connections meanwhile, then exits 0',
    async () => {
      const { gateway } = stack;
      const author = await seeder(gateway.url).user();
      const clipFile = await makeVideo({ seconds: 1, width: 160, height: 120 });
      const clip = await readFile(clipFile);
      await rm(path.dirname(clipFile), { recursive: true });

      // a publishVideo whose file the test streams itself, so it is in flight as long as it likes
      const file = new PassThrough();
      const form = graphqlUploadForm(
        { query: publishMutation, variables: { title: 'In flight', file: null } },
        { variable: 'file', content: file, filename: 'clip.mp4', contentType: 'video/mp4' },
      );
      const outgoing = httpRequest(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: {
          ...form.getHeaders(),
          'apollo-require-preflight': 'true',
          authorization: `Bearer ${author.token}`,
        },
      });
      const answered = sendForm(form, outgoing).then(async (response) => ({
        status: response.statusCode,
        body: await readJsonBody(response),
      }));
      const half = Math.floor(clip.length / 2);
      file.write(clip.subarray(0, half));
      // the video subgraph has begun staging the file (a file inside its own staging directory;
      // the directory itself exists from start-up): the gateway is streaming it there
      await eventually(
        async () =>
          expect(await stagedFiles(path.join(stack.mediaDir, '.staging'))).not.toEqual([]),
        { timeoutMs: ANSWER_DEADLINE_MS },
      );

      gateway.terminate();
      await eventually(async () => expect(await gateway.acceptsConnections()).toBe(false));
      file.end(clip.subarray(half));

      const response = await withDeadline(
        answered,
        ANSWER_DEADLINE_MS,
        `the upload in flight got no answer:\n${gateway.output()}`,
      );
      expect(response).toEqual({
        status: 200,
        body: {
          data: {
            publishVideo: expect.objectContaining({
              title: 'In flight',
              width: 160,
              height: 120,
              author: { id: author.user.id, name: author.user.name },
            }),
          },
        },
      });
      await expectCleanExit(gateway);
    },
    TEST_TIMEOUT_MS,
  );
});

/** Every file below the staging area, whatever the per-process directories are called. */
async function stagedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}
