import { bodyLeftUnread, clientIpOf, type Logger, metrics, requestLocals } from '@reel/common';
import {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import type { Endpoint, RestCaches } from './endpoint';
import { failureBody, successBody } from './envelope';
import type { GatewayClient, GraphqlCall } from './gateway-client';
import { type Params, readParams, type RequestParams } from './params';
import { RestError } from './rest-error';

/**
 * Serves each endpoint at its path with and without the trailing slash (non-strict routing, no
 * redirect: Go clients turn a redirected POST into a GET), then answers everything else as an
 * unknown endpoint. Every answer is HTTP 200 JSON.
 */
export function douyinRouter(
  endpoints: readonly Endpoint<unknown>[],
  gateway: GatewayClient,
  uploads: UploadSettings,
  caches: RestCaches,
): Router {
  const router = Router({ strict: false });
  for (const endpoint of endpoints) {
    const route = router.route(endpoint.path);
    const serve = serveEndpoint(endpoint, gateway, uploads, caches);
    if (endpoint.method === 'GET') route.get(serve);
    else route.post(serve);
    route.all(answerWrongMethod(endpoint));
  }
  router.use(answerUnknownPath);
  return router;
}

/** Where upload endpoints spool their file, and its size limit in bytes. */
export interface UploadSettings {
  dir: string;
  maxBytes: number;
}

function serveEndpoint(
  endpoint: Endpoint<unknown>,
  gateway: GatewayClient,
  uploads: UploadSettings,
  caches: RestCaches,
): RequestHandler {
  const spool = endpoint.upload && { part: endpoint.upload.part, ...uploads };
  return async (req, res) => {
    const { requestId, log } = requestLocals(res);
    const answered = metrics.restDuration.startTimer({ route: endpoint.path });
    let outcome = 'ok';
    let params: RequestParams | undefined;
    try {
      params = await readParams(
        { url: req.originalUrl, headers: req.headers, body: req },
        { spool },
      );
      const token = tokenFor(endpoint, params);
      const call = {
        document: endpoint.document,
        ...endpoint.request(params),
        token,
        requestId,
        forwardedFor: forwardedFor(req),
        clientIp: clientIpOf(req),
        log,
      };
      const data = endpoint.upload
        ? await gateway.upload({
            ...call,
            file: uploadedFile(endpoint.upload, params),
            signal: abandonedBy(res),
          })
        : endpoint.execute
          ? await endpoint.execute(call, gateway, caches)
          : await executePaged(endpoint, gateway, call);
      res.json(successBody(endpoint.respond(data, params), endpoint.successMessage?.(data)));
    } catch (error) {
      // the client hung up mid-request (a form body cut short): nobody reads an answer, and
      // nothing of ours failed
      if (req.socket.destroyed) {
        log.info(
          { reason: error instanceof Error ? error.message : String(error) },
          'client went away',
        );
        outcome = 'client_gone';
        return;
      }
      const failure = asRestError(error);
      outcome = failure.code;
      logFailure(log, failure);
      // a body refused past its limit is left unread: the socket cannot carry another request
      if (bodyLeftUnread(req)) res.setHeader('connection', 'close');
      res.json(failureBody(failure, endpoint.failureFields));
    } finally {
      answered({ outcome });
      metrics.restRequests.inc({ route: endpoint.path, outcome });
      await params?.release();
    }
  };
}

/** The client's address for the gateway's per-client limits, as any proxy forwards it. */
function forwardedFor(req: Request): string | undefined {
  const chain = [req.headers['x-forwarded-for'], req.socket.remoteAddress].flat();
  return chain.filter((hop) => hop !== undefined && hop !== '').join(', ') || undefined;
}

function tokenFor(endpoint: Endpoint<unknown>, params: Params): string | undefined {
  if (endpoint.token === 'none') return undefined;
  const token = params.get('token') || undefined;
  if (token === undefined && endpoint.token === 'required') {
    throw new RestError('UNAUTHENTICATED', 'The token parameter is missing; log in first');
  }
  return token;
}

function uploadedFile(upload: { part: string; variable: string }, params: RequestParams) {
  const file = params.file(upload.part);
  if (!file) {
    throw new RestError(
      'BAD_USER_INPUT',
      `The video file is missing: send it as the multipart file part "${upload.part}"`,
    );
  }
  return { variable: upload.variable, path: file.path, filename: file.filename };
}

/** Aborts when the client goes away before its answer is written. */
function abandonedBy(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function executePaged(
  endpoint: Endpoint<unknown>,
  gateway: GatewayClient,
  call: GraphqlCall,
): Promise<unknown> {
  const pages: unknown[] = [await gateway.execute(call)];
  const { paging } = endpoint;
  if (!paging) return pages[0];
  for (let next = paging.next(call, pages); next; next = paging.next(next, pages)) {
    pages.push(await gateway.execute({ ...call, ...next }));
  }
  return paging.merge(pages);
}

function answerWrongMethod(endpoint: Endpoint<unknown>): RequestHandler {
  return (req, res) => {
    const message = `${req.method} is not served here; use ${endpoint.method} ${endpoint.path}`;
    res.json(failureBody(new RestError('NOT_FOUND', message), endpoint.failureFields));
  };
}

const answerUnknownPath: RequestHandler = (req, res) => {
  res.json(failureBody(new RestError('NOT_FOUND', `No such endpoint: ${req.method} ${req.path}`)));
};

/** Last in the app: even an unexpected error answers HTTP 200 JSON. */
export function answerUnexpectedError(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const failure = asRestError(error);
    logFailure(log, failure);
    res.json(failureBody(failure));
  };
}

function asRestError(error: unknown): RestError {
  return error instanceof RestError
    ? error
    : new RestError('INTERNAL', undefined, { cause: error });
}

function logFailure(log: Logger, failure: RestError): void {
  const err = failure.cause ?? failure;
  if (failure.code === 'INTERNAL') log.error({ err }, 'douyin call failed');
  else if (failure.code === 'UNAVAILABLE') log.warn({ err }, 'gateway unavailable');
}
