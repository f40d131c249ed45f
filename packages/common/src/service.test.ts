import { Agent, maxHeaderSize, request } from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import express from 'express';
import { createLogger } from './logger';
import { type HttpLimits } from './limits';
import { createHttpApp, finishHttpApp, listen, type RunningServer, withDeadline } from './service';

const log = createLogger({ logLevel: 'silent' }, 'service-test');
// generous against a busy CI machine, and far below the grace these tests give close()
const PROMPTLY_MS = 15_000;
const LONG_GRACE_MS = 10 * 60_000;

/** A GET through a keep-alive agent: status, headers, body. */
function get(url: string, agent: Agent) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>(
    (resolve, reject) => {
      request(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}

/** A raw connection, to send exactly the bytes a test needs and see what comes back. */
async function connect(server: RunningServer) {
  const socket = net.connect(server.port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close').then(() => received);
  return { socket, closed };
}

async function serve(app: express.Express, limits: Partial<HttpLimits>) {
  return listen(app, { name: 'test', port: 0, host: '127.0.0.1', log, limits });
}

describe('listen().close()', () => {
  it('returns at once on an idle server, closing keep-alive sockets and ones that sent nothing yet', async () => {
    const app = express();
    app.get('/ping', (_req, res) => void res.json({ ok: true }));
    const server = await serve(app, { shutdownGraceMs: LONG_GRACE_MS });
    const agent = new Agent({ keepAlive: true });
    const cutAtGrace = jest.spyOn(server.server, 'closeAllConnections');
    try {
      expect(await get(`${server.url}/ping`, agent)).toMatchObject({ status: 200 });
      const [kept] = Object.values(agent.freeSockets).flat();
      expect(kept).toBeDefined();
      const keptClosed = once(kept!, 'close');
      const silent = await connect(server); // a browser's spare connection

      await withDeadline(server.close(), PROMPTLY_MS, 'close() waited for idle sockets');
      await withDeadline(keptClosed, PROMPTLY_MS, 'the keep-alive socket stayed open');
      await withDeadline(silent.closed, PROMPTLY_MS, 'the silent socket stayed open');
      expect(cutAtGrace).not.toHaveBeenCalled();
    } finally {
      agent.destroy();
    }
  });

  it('lets a request in flight finish with Connection: close, then returns without waiting for the grace', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const app = express();
    app.get('/ping', (_req, res) => void res.json({ ok: true }));
    app.get('/slow', async (_req, res) => {
      entered();
      await released;
      res.json({ done: true });
    });
    const server = await serve(app, { shutdownGraceMs: LONG_GRACE_MS });
    const agent = new Agent({ keepAlive: true });
    const cutAtGrace = jest.spyOn(server.server, 'closeAllConnections');
    try {
      await get(`${server.url}/ping`, agent); // the next request reuses this socket
      const answer = get(`${server.url}/slow`, agent);
      await inHandler;
      const closing = server.close();
      release();

      expect(await answer).toEqual({
        status: 200,
        connection: 'close',
        body: JSON.stringify({ done: true }),
      });
      await withDeadline(closing, PROMPTLY_MS, 'close() waited past the last response');
      expect(cutAtGrace).not.toHaveBeenCalled();
    } finally {
      release();
      agent.destroy();
    }
  });

  it('cuts a request still running when the grace ends', async () => {
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const app = express();
    app.get('/never', () => entered());
    const server = await serve(app, { shutdownGraceMs: 50 });
    const client = await connect(server);
    client.socket.write('GET /never HTTP/1.1\r\nHost: test\r\n\r\n');
    await withDeadline(inHandler, PROMPTLY_MS, 'the request never arrived');

    await withDeadline(server.close(), PROMPTLY_MS, 'close() outlived its grace');
    expect(await withDeadline(client.closed, PROMPTLY_MS, 'socket left open')).toBe('');
  });
});

// found by the protocol fuzz (test/protocol-fuzz-gateway.test.ts): a long GET got a bare 431
describe('requests the HTTP parser refuses get a coded JSON answer', () => {
  it.each([
    [
      'a request line past maxHeaderSize',
      `GET /ping?q=${'x'.repeat(maxHeaderSize)} HTTP/1.1\r\nHost: test\r\n\r\n`,
      '431 Request Header Fields Too Large',
      'PAYLOAD_TOO_LARGE',
      `The request line and headers are larger than ${maxHeaderSize} bytes`,
    ],
    [
      'bytes that are not HTTP',
      'HELLO THERE\r\n\r\n',
      '400 Bad Request',
      'BAD_USER_INPUT',
      'The request is not valid HTTP/1.1',
    ],
  ])('%s', async (_case, bytes, statusLine, code, message) => {
    const app = express();
    app.get('/ping', (_req, res) => void res.json({ ok: true }));
    const server = await serve(app, {});
    try {
      const client = await connect(server);
      client.socket.write(bytes);
      const received = await withDeadline(client.closed, PROMPTLY_MS, 'socket left open');
      const [head, body] = received.split('\r\n\r\n');
      expect(head!.split('\r\n')).toEqual([
        `HTTP/1.1 ${statusLine}`,
        'Connection: close',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body!)}`,
      ]);
      expect(JSON.parse(body!)).toEqual({ errors: [{ message, extensions: { code } }] });
    } finally {
      await server.close();
    }
  });
});

describe('request bodies', () => {
  const echoApp = (afterBody: () => Promise<void> = async () => undefined) => {
    const app = createHttpApp('test', log, {});
    app.post('/echo', express.json(), async (req, res) => {
      await afterBody();
      res.json(req.body);
    });
    finishHttpApp(app);
    return app;
  };

  it('answers 408 and closes the connection when a body stops arriving', async () => {
    const server = await serve(echoApp(), { bodyIdleTimeoutMs: 200 });
    try {
      const client = await connect(server);
      // declares 100 bytes, sends 10, then nothing
      client.socket.write(
        'POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":12345',
      );
      const received = await withDeadline(client.closed, PROMPTLY_MS, 'the stalled body was kept');
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(received.toLowerCase()).toContain('connection: close');
    } finally {
      await server.close();
    }
  });

  it('cuts a body stalled after the server answered early', async () => {
    const app = createHttpApp('test', log, {});
    app.post('/early', (_req, res) => void res.status(400).json({ early: true }));
    const server = await serve(app, { bodyIdleTimeoutMs: 200 });
    try {
      const client = await connect(server);
      client.socket.write('POST /early HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nabc');
      const received = await withDeadline(client.closed, PROMPTLY_MS, 'the stalled body was kept');
      expect(received).toMatch(/^HTTP\/1\.1 400 /);
    } finally {
      await server.close();
    }
  });

  it('gives a complete body all the time the server needs to answer', async () => {
    const idleMs = 200;
    const server = await serve(
      echoApp(() => new Promise((resolve) => setTimeout(resolve, idleMs * 5))),
      { bodyIdleTimeoutMs: idleMs },
    );
    try {
      const response = await fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slow: 'answer' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ slow: 'answer' });
    } finally {
      await server.close();
    }
  });

  it('does not blame the sender when the server is slow to read the body', async () => {
    const idleMs = 200;
    const app = createHttpApp('test', log, {});
    app.post('/late-reader', async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, idleMs * 5));
      let bytes = 0;
      for await (const chunk of req) bytes += (chunk as Buffer).length;
      res.json({ bytes });
    });
    const server = await serve(app, { bodyIdleTimeoutMs: idleMs });
    try {
      const body = Buffer.alloc(4 * 1024 * 1024, 1); // more than the socket and stream buffers hold
      const response = await fetch(`${server.url}/late-reader`, { method: 'POST', body });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ bytes: body.length });
    } finally {
      await server.close();
    }
  });
});
