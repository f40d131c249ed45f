import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { withDeadline } from '@reel/common';
import { eventually, seeder } from '@reel/testkit';
import { captureLogs, ERROR_LEVEL, type Stack, startStack } from './harness';

const BODY_IDLE_MS = 300; // this stack's body idle limit (the real one is httpLimits.bodyIdleTimeoutMs)
const WAIT_MS = 15_000; // a bound for things that take milliseconds; only a hang reaches it
const BOUNDARY = 'reel-test-boundary';

/** Opens a connection and sends the head and the start of a body, then whatever the test says. */
async function startRequest(baseUrl: string, head: string[], bodyStart: string) {
  const { port } = new URL(baseUrl);
  const socket = net.connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close').then(() => received);
  socket.write([...head, '', bodyStart].join('\r\n'));
  return { socket, closed };
}

const multipart = (parts: { name: string; value: string; filename?: string }[]) =>
  parts
    .map(
      ({ name, value, filename }) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"` +
        (filename ? `; filename="${filename}"\r\nContent-Type: video/mp4` : '') +
        `\r\n\r\n${value}`,
    )
    .join('\r\n');

describe('request bodies that stall or are abandoned', () => {
  let stack: Stack;
  let token: string;
  const logs = captureLogs();
  beforeAll(async () => {
    stack = await startStack(
      { LOG_LEVEL: 'info' },
      { logDestination: logs, httpLimits: { bodyIdleTimeoutMs: BODY_IDLE_MS } },
    );
    ({ token } = await seeder(stack.gatewayUrl).user());
  });
  afterAll(() => stack.close());

  const upload = (fileStart: string) =>
    multipart([
      {
        name: 'operations',
        value: JSON.stringify({
          query: 'mutation ($file: Upload!) { publishVideo(title: "slow", file: $file) { id } }',
          variables: { file: null },
        }),
      },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
      { name: '0', value: fileStart, filename: 'clip.mp4' },
    ]);
  const gatewayUploadHead = (length: number) => [
    'POST /graphql HTTP/1.1',
    'Host: test',
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    'Apollo-Require-Preflight: true',
    `Authorization: Bearer ${token}`,
    `Content-Length: ${length}`,
  ];
  const restLoginHead = (length: number) => [
    'POST /douyin/user/login/ HTTP/1.1',
    'Host: test',
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${length}`,
  ];

  describe('a body that stops arriving is answered 408 and its connection closed', () => {
    it.each([
      [
        'GraphQL JSON at the gateway',
        () => stack.gatewayUrl,
        [
          'POST /graphql HTTP/1.1',
          'Host: test',
          'Content-Type: application/json',
          'Content-Length: 1000',
        ],
        '{"query":"{ feed',
      ],
      ['a form at compat-rest', () => stack.restUrl, restLoginHead(1000), 'username=a&pass'],
    ])('%s', async (_case, url, head, bodyStart) => {
      const errorsBefore = logs.errors().length;
      const client = await startRequest(url(), head, bodyStart);
      const received = await withDeadline(client.closed, WAIT_MS, 'the stalled body was kept');
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(logs.errors().slice(errorsBefore)).toEqual([]);
    });

    it('an upload to the gateway that stalls mid-file', async () => {
      const errorsBefore = logs.errors().length;
      const client = await startRequest(
        stack.gatewayUrl,
        gatewayUploadHead(10 * 1024 * 1024),
        upload('x'.repeat(64 * 1024)),
      );
      const received = await withDeadline(client.closed, WAIT_MS, 'the stalled upload was kept');
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(logs.errors().slice(errorsBefore)).toEqual([]);
    });
  });

  describe('a client that hangs up mid-body is logged as info, never as an error', () => {
    it.each([
      ['a form at compat-rest', () => stack.restUrl, () => restLoginHead(1000), 'username=a&pass'],
      [
        'an upload to the gateway, mid-file',
        () => stack.gatewayUrl,
        // the head is built when the test runs: the token is seeded in beforeAll
        () => gatewayUploadHead(1024 * 1024),
        upload('x'.repeat(16 * 1024)),
      ],
      [
        'an upload to compat-rest, mid-file',
        () => stack.restUrl,
        () => [
          'POST /douyin/publish/action/ HTTP/1.1',
          'Host: test',
          `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
          'Content-Length: 1048576',
        ],
        multipart([
          { name: 'title', value: 'left' },
          { name: 'data', value: 'x'.repeat(16 * 1024), filename: 'clip.mp4' },
        ]),
      ],
    ])('%s', async (_case, url, head, bodyStart) => {
      const linesBefore = logs.lines.length;
      const client = await startRequest(url(), head(), bodyStart);
      await sleep(50); // let the server start reading; the outcome does not depend on how long
      client.socket.destroy();
      await eventually(
        () =>
          expect(logs.lines.slice(linesBefore)).toContainEqual(
            expect.objectContaining({ level: 30, msg: expect.stringMatching(/client went away/) }),
          ),
        { timeoutMs: WAIT_MS },
      );
      expect(logs.lines.slice(linesBefore).filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
    });
  });
});
