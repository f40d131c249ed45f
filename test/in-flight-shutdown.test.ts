import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createLogger,
  graphqlUploadForm,
  type HttpLimits,
  listen,
  readJsonBody,
  type RunningServer,
  sendForm,
  type SubgraphName,
  withDeadline,
} from '@reel/common';
import { createGatewayApp } from '@reel/gateway';
import { eventually, graphql, type SeededUser, seeder, uniqueName } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const FEED = 'query Feed { feed(first: 1) { edges { node { id } } } }';
const REGISTER =
  'mutation Register($name: String!) { register(username: $name, password: "secret-pass") { user { name } } }';
const WAIT_MS = 15_000; // a bound for things that take milliseconds; only a hang reaches it

const unavailable = {
  status: 200,
  data: null,
  errors: [{ message: expect.any(String), extensions: { code: 'UNAVAILABLE' } }],
};

describe('stopping a subgraph while the gateway has work in flight', () => {
  let stack: Stack;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => stack.close());

  // as a viewer: the gateway's page cache answers anonymous feeds it has seen, and every read
  // here must reach the subgraph
  let reader: SeededUser;
  beforeAll(async () => {
    reader = await seeder(stack.gatewayUrl).user();
  });
  const readFeed = (gatewayUrl: string) => graphql(gatewayUrl, FEED, {}, { token: reader.token });

  /** A gateway of its own in front of the stack's subgraphs, with some of them moved. */
  async function gatewayTo(moved: Partial<Record<SubgraphName, string>>): Promise<string> {
    const subgraphs = { ...stack.config.subgraphs };
    for (const [name, url] of Object.entries(moved) as [SubgraphName, string][])
      subgraphs[name] = { port: Number(new URL(url).port), url };
    const config = { ...stack.config, subgraphs };
    const log = createLogger(config, 'gateway');
    const gateway = await createGatewayApp(config, log);
    const server = await listen(gateway.app, { name: 'gateway', port: 0, host: '127.0.0.1', log });
    cleanups.push(async () => {
      await server.close();
      await gateway.close();
    });
    return server.url;
  }

  /**
   * The stack's video subgraph app on a server of its own, which the test may stop, and which can
   * hold the next request until released (to have it in flight when the stop begins).
   */
  async function videoServer(limits: Partial<HttpLimits> = {}) {
    const sockets: net.Socket[] = [];
    let gate: { arrived: () => void; released: Promise<void> } | undefined;
    const app = stack.subgraphs.video.app;
    const server: RunningServer = await listen(
      (req: IncomingMessage, res: ServerResponse) => {
        sockets.push(req.socket);
        const held = gate;
        gate = undefined;
        if (!held) return void app(req, res);
        held.arrived();
        void held.released.then(() => app(req, res));
      },
      {
        name: 'video',
        port: 0,
        host: '127.0.0.1',
        log: createLogger(stack.config, 'video'),
        limits,
      },
    );
    cleanups.push(() => server.close());
    return {
      server,
      sockets,
      /** Holds the next request; resolves once it arrived, with the function that lets it go. */
      holdNext() {
        let release: () => void = () => undefined;
        const released = new Promise<void>((resolve) => (release = resolve));
        const arrived = new Promise<() => void>((resolve) => {
          gate = { arrived: () => resolve(release), released };
        });
        return withDeadline(arrived, WAIT_MS, 'the held request never reached the subgraph');
      },
    };
  }

  it('answers a query in flight on a reused keep-alive socket with data, and later ones UNAVAILABLE, never INTERNAL', async () => {
    const video = await videoServer();
    const gatewayUrl = await gatewayTo({ video: video.server.url });
    const first = await readFeed(gatewayUrl);
    expect(first).toEqual({ status: 200, data: { feed: { edges: expect.any(Array) } } });

    const held = video.holdNext();
    const inFlight = readFeed(gatewayUrl);
    const release = await held;
    expect(video.sockets).toHaveLength(2);
    expect(video.sockets[1]).toBe(video.sockets[0]); // the pooled socket, reused
    const stopping = video.server.close();
    release();

    expect(await inFlight).toEqual(first);
    await withDeadline(stopping, WAIT_MS, 'the subgraph did not stop once its request was done');
    expect(await readFeed(gatewayUrl)).toEqual(unavailable);
  });

  it('sends a query again on a new connection when its pooled socket is reset before any answer', async () => {
    const relay = await ResettingRelay.start(stack.config.subgraphs.video.url);
    cleanups.push(() => relay.stop());
    const gatewayUrl = await gatewayTo({ video: relay.url });
    const first = await readFeed(gatewayUrl);
    expect(first).toEqual({ status: 200, data: { feed: { edges: expect.any(Array) } } });

    relay.resetNextReusedRequest();
    expect(await readFeed(gatewayUrl)).toEqual(first);
    expect(relay.stats).toEqual({ connections: 2, requests: 2, resets: 1 });
  });

  it('never sends a mutation again: its reset answers UNAVAILABLE', async () => {
    const relay = await ResettingRelay.start(stack.config.subgraphs.user.url);
    cleanups.push(() => relay.stop());
    const gatewayUrl = await gatewayTo({ user: relay.url });
    const name = uniqueName('keep');
    expect(await graphql(gatewayUrl, REGISTER, { name })).toEqual({
      status: 200,
      data: { register: { user: { name } } },
    });

    relay.resetNextReusedRequest();
    expect(await graphql(gatewayUrl, REGISTER, { name: uniqueName('reset') })).toEqual(unavailable);
    expect(relay.stats).toEqual({ connections: 1, requests: 1, resets: 1 });
  });

  it('answers an upload cut by the subgraph stopping UNAVAILABLE, and leaves no partial file behind', async () => {
    const { token } = await seeder(stack.gatewayUrl).user();
    const video = await videoServer({ shutdownGraceMs: 100 });
    const gatewayUrl = await gatewayTo({ video: video.server.url });
    const staging = path.join(stack.mediaDir, '.staging');

    const content = new PassThrough();
    const form = graphqlUploadForm(
      {
        query: 'mutation ($file: Upload!) { publishVideo(title: "cut short", file: $file) { id } }',
        variables: { file: null },
      },
      { variable: 'file', content, filename: 'clip.mp4' },
    );
    const outgoing = request(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        ...form.getHeaders(),
        'apollo-require-preflight': 'true',
        authorization: `Bearer ${token}`,
      },
    });
    cleanups.push(async () => void outgoing.destroy());
    const answered = sendForm(form, outgoing);
    content.write(Buffer.alloc(256 * 1024, 7)); // then nothing more: the upload is in flight
    await eventually(async () => expect(await filesUnder(staging)).toHaveLength(1), {
      timeoutMs: WAIT_MS,
    });

    const stopping = video.server.close();
    const response = await withDeadline(answered, WAIT_MS, 'the gateway never answered');
    expect({ status: response.statusCode, ...((await readJsonBody(response)) as object) }).toEqual({
      status: 200,
      data: null,
      errors: [{ message: expect.any(String), extensions: { code: 'UNAVAILABLE' } }],
    });
    content.end();
    await withDeadline(stopping, WAIT_MS, 'the subgraph did not stop');
    await eventually(async () => expect(await filesUnder(staging)).toEqual([]), {
      timeoutMs: WAIT_MS,
    });
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/**
 * A TCP relay in front of a subgraph that can reset a connection when a further request arrives
 * on it: what a client sees when the server closes a pooled keep-alive socket just as it is
 * reused (a subgraph stopping, or its keep-alive timeout).
 */
class ResettingRelay {
  readonly stats = { connections: 0, requests: 0, resets: 0 };
  url = '';
  private armed = false;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((client) => this.relay(client));

  private constructor(private readonly target: URL) {}

  static async start(targetUrl: string): Promise<ResettingRelay> {
    const relay = new ResettingRelay(new URL(targetUrl));
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    relay.url = `http://127.0.0.1:${(relay.server.address() as net.AddressInfo).port}`;
    return relay;
  }

  resetNextReusedRequest(): void {
    this.armed = true;
  }

  private relay(client: net.Socket): void {
    this.stats.connections += 1;
    const upstream = net.connect(Number(this.target.port), this.target.hostname);
    let carried = 0;
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk: Buffer) => {
      // a request starts a chunk: the gateway writes each one whole, its head first
      if (chunk.toString('latin1', 0, 5) === 'POST ') {
        if (this.armed && carried > 0) {
          this.armed = false;
          this.stats.resets += 1;
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        carried += 1;
        this.stats.requests += 1;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
