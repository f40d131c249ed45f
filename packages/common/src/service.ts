import {
  createServer,
  IncomingMessage,
  maxHeaderSize,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { type ErrorCode, errorTable } from './errors';
import { dependencyLimits } from './limits';
import { type ConfigOf, type EnvSliceName, loadConfig } from './env';
import { type HttpLimits, httpLimits } from './limits';
import { createLogger, type Logger, requestIdFrom } from './logger';
import { type IdleGc, idleGcDefaults, startIdleGc } from './idle-gc';
import { metrics, metricsRoute, protectMetrics } from './metrics';
import { startTracing, traceRequests } from './tracing';

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/** What /readyz answers: `ready` picks 200 or 503, `checks` say why; other fields are reported. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
  [detail: string]: unknown;
}

/** Checks that must all pass (a service and its own dependencies), or a policy of its own. */
export type Readiness = ReadinessChecks | (() => Promise<ReadinessReport>);

/** Runs every check at once, each under the readiness deadline: 'ok', or why not. */
export async function runChecks(checks: ReadinessChecks): Promise<Record<string, string>> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([check, run]) => {
      try {
        await withDeadline(
          run(),
          dependencyLimits.readiness.checkTimeoutMs,
          `${check} did not answer`,
        );
        return [check, 'ok'] as const;
      } catch (error) {
        return [check, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}

async function allPass(checks: ReadinessChecks): Promise<ReadinessReport> {
  const results = await runChecks(checks);
  return { ready: Object.values(results).every((state) => state === 'ok'), checks: results };
}

export interface RequestLocals {
  requestId: string;
  log: Logger;
}

export function requestLocals(res: { locals: Record<string, unknown> }): RequestLocals {
  return res.locals as unknown as RequestLocals;
}

/**
 * An express app with request ids, a server span per request when tracing is on, `/healthz`
 * (alive), `/readyz` (ready to serve) and `/metrics` (Prometheus).
 */
export function createHttpApp(name: string, log: Logger, readiness: Readiness): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(traceRequests(name));
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const requestLog = log.child({ requestId });
    Object.assign(res.locals, { requestId, log: requestLog } satisfies RequestLocals);
    // one line per request at debug; at info and above not even the listener is added
    if (requestLog.isLevelEnabled('debug')) {
      const started = performance.now();
      res.once('finish', () =>
        requestLog.debug(
          { method: req.method, path: req.path, status: res.statusCode },
          `answered in ${Math.round(performance.now() - started)} ms`,
        ),
      );
    }
    next();
  });
  app.get('/metrics', metricsRoute);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: name });
  });
  app.get('/readyz', async (_req, res) => {
    const { ready, checks, ...details } =
      typeof readiness === 'function' ? await readiness() : await allPass(readiness);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      service: name,
      checks,
      ...details,
    });
  });
  return app;
}

export interface RunningServer {
  name: string;
  port: number;
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Something living on the server beside HTTP (graphql-ws on upgraded sockets). */
export interface Attachment {
  /** Stop taking new subscriptions and close every upgraded socket (code 1001, going away). */
  close(): Promise<void>;
}

export interface ListenOptions {
  name: string;
  port: number;
  host: string;
  log: Logger;
  /** Called once the server exists, before it listens. */
  attach?: (server: Server) => Attachment;
  onClose?: () => Promise<void>;
  /** Overrides of httpLimits (tests use small ones). */
  limits?: Partial<HttpLimits>;
}

/**
 * Listens; `close()` stops accepting, closes what is attached (WebSockets: Node's
 * `closeAllConnections()` never touches upgraded sockets, so without this a stop hangs), ends
 * keep-alive at once (idle sockets now, busy ones after their response, which says
 * `Connection: close`), returns as soon as in-flight requests are done (cut after the grace),
 * then runs `onClose` (drain MySQL, Redis, NATS).
 */
export async function listen(
  app: Express | ((req: never, res: never) => void),
  options: ListenOptions,
): Promise<RunningServer> {
  const limits: HttpLimits = { ...httpLimits, ...options.limits };
  const server = createServer({
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
  });
  const connections = trackConnections(server);
  watchIdleMemory();
  server.on('clientError', answerUnreadableRequest);
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    cutStalledBody(req, res, limits.bodyIdleTimeoutMs),
  );
  server.on('request', app as RequestListener);
  const attached = options.attach?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.log.info({ port }, `${options.name} listening`);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.endKeepAlive();
      await attached?.close();
      // after the attachment: upgraded sockets never carry a request, so they look idle here
      connections.closeIdle();
      const forced = setTimeout(() => server.closeAllConnections(), limits.shutdownGraceMs);
      await closed;
      clearTimeout(forced);
      await options.onClose?.();
      options.log.info(`${options.name} stopped`);
    })());
  return { name: options.name, port, url: `http://127.0.0.1:${port}`, server, close };
}

let idleGc: IdleGc | undefined;

/** One watcher per process, however many servers it runs (the single topology runs two). */
function watchIdleMemory(): void {
  idleGc ??= startIdleGc(idleGcDefaults, (freed) => {
    metrics.idleCollections.inc();
    if (freed > 0) metrics.idleCollectedBytes.inc(freed);
  });
}

/**
 * Node answers a request its parser refuses (a request line and headers past maxHeaderSize, bytes
 * that are not HTTP/1.1) or that timed out before its headers were in with a bare status line:
 * these answer the same statuses with a coded JSON body, as every other refusal does. As Node
 * does, nothing is written on a socket whose current response has started (`_httpMessage`).
 */
function answerUnreadableRequest(error: Error & { code?: string }, socket: Socket): void {
  const current = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'PAYLOAD_TOO_LARGE',
          `The request line and headers are larger than ${maxHeaderSize} bytes`,
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'BAD_USER_INPUT', 'The request did not arrive in time']
        : [400, 'BAD_USER_INPUT', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Which sockets carry a response in flight. Node's own `closeIdleConnections()` spares a
 * keep-alive socket that is busy when it runs (it stays open after its response) and a socket
 * that connected but sent nothing yet (browsers open spare ones): either would hold a closing
 * server for its whole grace.
 */
function trackConnections(server: Server) {
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  let ending = false;
  // a response still able to say so tells the client not to reuse a socket that is about to go
  const lastOnItsSocket = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, new Set());
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const responses = inFlight.get(req.socket);
    if (!responses) return;
    responses.add(res);
    if (ending) lastOnItsSocket(res);
    res.once('close', () => {
      responses.delete(res);
      if (ending && responses.size === 0) req.socket.destroySoon();
    });
  });
  return {
    endKeepAlive() {
      ending = true;
      for (const responses of inFlight.values()) responses.forEach(lastOnItsSocket);
    },
    closeIdle() {
      for (const [socket, responses] of inFlight) if (responses.size === 0) socket.destroy();
    },
  };
}

/**
 * While a request's body is still expected, the socket may be idle for `idleMs` at most: a sender
 * that stops (a Content-Length longer than what it sends) is answered 408 and disconnected. Once
 * the body is in, the server may take its time: the idle limit is lifted.
 */
function cutStalledBody(req: IncomingMessage, res: ServerResponse, idleMs: number): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  if (req.complete || !hasBody) return;
  req.socket.setTimeout(idleMs);
  // Node emits 'timeout' on the request only while its body is incomplete
  req.on('timeout', () => {
    // unread bytes are waiting: the server is the slow one (backpressure), not the sender
    if (req.readableLength > 0) return;
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.writeHead(408, { connection: 'close', 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [
          {
            message: `The request body stalled: nothing arrived for ${idleMs / 1000} s`,
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      }),
    );
  });
  // a listener replaces Node's default (destroying the socket), which would cut a slow answer
  res.on('timeout', () => {
    if (req.complete) req.socket.setTimeout(0);
  });
  // answered early (Node then times the socket as keep-alive): the rest of the body still counts
  res.once('finish', () => {
    if (!req.complete) req.socket.setTimeout(idleMs);
  });
}

/** main.ts only: SIGTERM/SIGINT close gracefully; a second signal exits at once. */
export function stopOnSignals(log: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export async function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const bodiesLeftUnread = new WeakSet<Readable>();

/**
 * Stops reading a request body for good, bytes in flight aside (a socket read is up to 64 KiB):
 * for a body past its limit, whose every further byte is waste (RELIABILITY row 13). The caller
 * answers with `Connection: close`, and Node closes the socket once that answer is flushed; a
 * client that reads while it sends gets the answer, one that only reads after sending is reset.
 */
export function stopReadingBody(req: Readable): void {
  bodiesLeftUnread.add(req);
  req.unpipe();
  req.pause();
  if (!(req instanceof IncomingMessage)) return;
  req.socket.pause();
  // once the answer is sent, node's server resumes an unfinished body to drain it before the
  // socket closes (IncomingMessage._dump), and a library may resume it too: keep it stopped
  req.on('resume', () => {
    req.pause();
    req.socket.pause();
  });
}

/** Whether stopReadingBody left this request's body unread: its answer must close the socket. */
export function bodyLeftUnread(req: Readable): boolean {
  return bodiesLeftUnread.has(req);
}

/**
 * Once a response is sent, the rest of the request body is waste: read and drop it, so a
 * multipart upload answered early (bad title, bad token) never stalls its sender. A body over
 * its limit (stopReadingBody) is not read at all.
 */
export const discardBodyAfterResponse: RequestHandler = (req, res, next) => {
  res.once('finish', () => {
    if (req.readableEnded || bodiesLeftUnread.has(req)) return;
    req.unpipe();
    req.resume();
  });
  next();
};

/**
 * The end of every app's middleware chain: unknown routes and errors raised by middleware (body
 * parsers, upload limits, static files) answer GraphQL-shaped JSON with a code from the errors
 * table, never Express's HTML page with a stack.
 */
export function finishHttpApp(app: Express): void {
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(((error, req, res, _next) => {
    const { log } = requestLocals(res);
    // a client that hung up (or was cut: a stalled body, shutdown) reads no answer; not an error
    if (req.socket.destroyed) {
      log.info({ reason: messageOf(error) }, 'client went away');
      return;
    }
    // refused mid-body and answered already; the operation it carried failed after the answer
    if (bodiesLeftUnread.has(req)) {
      log.info({ reason: messageOf(error) }, 'request failed after its body was refused');
      return;
    }
    if (res.headersSent) {
      log.error({ err: error }, 'request failed after its answer started');
      res.destroy();
      return;
    }
    const { status, expose, message } = error as {
      status?: unknown;
      statusCode?: unknown;
      expose?: unknown;
      message?: unknown;
    };
    const httpStatus = typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
    const code = codeForHttpStatus(httpStatus);
    if (httpStatus >= 500) log.error({ err: error }, 'request failed');
    // an unexposed 4xx (send's 404 wraps the ENOENT, path and all) still gets its status' name
    const text =
      httpStatus >= 500
        ? 'Internal server error'
        : expose !== false && typeof message === 'string'
          ? message
          : (STATUS_CODES[httpStatus] ?? 'Bad request');
    // a static handler may have labelled the response as its file (video/mp4, a year of cache)
    for (const header of FILE_HEADERS) res.removeHeader(header);
    res.status(httpStatus).json({ errors: [{ message: text, extensions: { code } }] });
  }) as ErrorRequestHandler);
}

// Content-Range and Allow stay: they describe the error (a 416's size, a 405's methods).
const FILE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'accept-ranges'];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeForHttpStatus(httpStatus: number): ErrorCode {
  const exact = (Object.keys(errorTable) as ErrorCode[]).find(
    (code) => errorTable[code].httpStatus === httpStatus,
  );
  return exact ?? (httpStatus < 500 ? 'BAD_USER_INPUT' : 'INTERNAL');
}

export interface ServiceApp {
  app: Express;
  /** Hooks into the HTTP server (the gateway's realtime edge); closed first on shutdown. */
  attach?: (server: Server) => Attachment;
  close(): Promise<void>;
}

/**
 * The whole of a main.ts: parse env, build the app, listen, stop gracefully on SIGTERM/SIGINT,
 * and exit 1 with the reason when start-up fails.
 */
export function runService<K extends EnvSliceName>(
  name: string,
  slices: readonly K[],
  port: (config: ConfigOf<K>) => number,
  build: (config: ConfigOf<K>, log: Logger) => Promise<ServiceApp>,
  host: (config: ConfigOf<K>) => string = (config) => config.host,
): void {
  const start = async () => {
    const config = loadConfig(slices);
    const { telemetry } = loadConfig(['telemetry']);
    // before anything is built: spans need the provider, log lines the trace ids
    const tracing = await startTracing(telemetry, name);
    protectMetrics(telemetry.metricsToken);
    const log = createLogger(config, name);
    if (config.isProduction && !telemetry.metricsToken)
      log.warn('METRICS_TOKEN is unset: anyone who reaches this port reads /metrics');
    const service = await build(config, log);
    const server = await listen(service.app, {
      name,
      port: port(config),
      host: host(config),
      log,
      attach: service.attach,
      onClose: async () => {
        await service.close();
        await tracing?.shutdown();
      },
    });
    stopOnSignals(log, server.close);
  };
  start().catch((error: unknown) => {
    console.error(`${name} failed to start:`, error);
    process.exit(1);
  });
}
