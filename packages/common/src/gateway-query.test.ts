import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { askGateway } from './gateway-query';
import type { Logger } from './logger';

const QUERY = 'query ($id: ID!) { thing(id: $id) { id } }';
const thingData = z.object({ thing: z.object({ id: z.string() }).nullable() });

type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A stand-in gateway on a free port; each test says how it answers. */
let answer: Answer;
let server: Server;
let gatewayUrl: string;
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => answer(req, body, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // a trailing slash, as a configured URL may have
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function ask(log: Logger, timeoutMs = 2_000) {
  return askGateway(
    gatewayUrl,
    QUERY,
    { id: '7' },
    {
      data: thingData,
      timeoutMs,
      log,
      failureLog: 'thing lookup failed',
      logContext: { thingId: 7 },
      unavailableMessage: 'Things are not answering; try again shortly',
      requestId: 'req-1',
    },
  );
}

const quietLog = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };
const unavailable = expect.objectContaining({
  message: 'Things are not answering; try again shortly',
  extensions: { code: 'UNAVAILABLE' },
});

describe('askGateway', () => {
  it('posts the query to /graphql as a client would, and answers the data, null included', async () => {
    const seen: { url?: string; headers?: IncomingMessage['headers']; body?: unknown }[] = [];
    answer = (req, body, res) => {
      seen.push({ url: req.url, headers: req.headers, body: JSON.parse(body) });
      json(res, 200, { data: { thing: seen.length === 1 ? { id: '7' } : null } });
    };
    const log = quietLog();
    expect(await ask(log)).toEqual({ thing: { id: '7' } });
    expect(await ask(log)).toEqual({ thing: null });
    expect(seen[0]).toEqual({
      url: '/graphql',
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        'x-request-id': 'req-1',
      }),
      body: { query: QUERY, variables: { id: '7' } },
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each<[string, Answer]>([
    [
      'a null beside errors (a subgraph down)',
      (_req, _body, res) =>
        json(res, 200, { data: { thing: null }, errors: [{ message: 'subgraph unavailable' }] }),
    ],
    [
      'a coded error with a 4xx/5xx status',
      (_req, _body, res) =>
        json(res, 503, { errors: [{ message: 'x', extensions: { code: 'UNAVAILABLE' } }] }),
    ],
    ['data of another shape', (_req, _body, res) => json(res, 200, { data: { thing: 7 } })],
    ['a body that is not JSON', (_req, _body, res) => res.end('<html>bad gateway</html>')],
  ])('answers UNAVAILABLE, and logs why, for %s', async (_what, how) => {
    answer = how;
    const log = quietLog();
    await expect(ask(log)).rejects.toEqual(unavailable);
    expect(log.warn).toHaveBeenCalledWith(
      { err: expect.anything(), thingId: 7 },
      'thing lookup failed',
    );
  });

  it('answers UNAVAILABLE when the gateway does not answer within timeoutMs', async () => {
    answer = () => undefined; // the request is read, never answered
    const log = quietLog();
    await expect(ask(log, 100)).rejects.toEqual(unavailable);
    expect(log.warn).toHaveBeenCalledWith(
      { err: expect.objectContaining({ name: 'TimeoutError' }), thingId: 7 },
      'thing lookup failed',
    );
  });
});
