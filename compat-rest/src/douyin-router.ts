import { type Logger, requestLocals } from '@reel/common';
import { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { Endpoint } from './endpoint';
import { failureBody, successBody } from './envelope';
import type { GatewayClient } from './gateway-client';
import { type Params, readParams } from './params';
import { RestError } from './rest-error';

/**
 * Serves each endpoint at its path with and without the trailing slash (non-strict routing, no
 * redirect: Go clients turn a redirected POST into a GET), then answers everything else as an
 * unknown endpoint. Every answer is HTTP 200 JSON.
 */
export function douyinRouter(
  endpoints: readonly Endpoint<unknown>[],
  gateway: GatewayClient,
): Router {
  const router = Router({ strict: false });
  for (const endpoint of endpoints) {
    const route = router.route(endpoint.path);
    const serve = serveEndpoint(endpoint, gateway);
    if (endpoint.method === 'GET') route.get(serve);
    else route.post(serve);
    route.all(answerWrongMethod(endpoint));
  }
  router.use(answerUnknownPath);
  return router;
}

function serveEndpoint(endpoint: Endpoint<unknown>, gateway: GatewayClient): RequestHandler {
  return async (req, res) => {
    const { requestId, log } = requestLocals(res);
    try {
      const params = await readParams({ url: req.originalUrl, headers: req.headers, body: req });
      const token = tokenFor(endpoint, params);
      const data = await gateway.execute({
        document: endpoint.document,
        ...endpoint.request(params),
        token,
        requestId,
      });
      res.json(successBody(endpoint.respond(data)));
    } catch (error) {
      const failure = asRestError(error);
      logFailure(log, failure);
      res.json(failureBody(failure, endpoint.failureFields));
    }
  };
}

function tokenFor(endpoint: Endpoint<unknown>, params: Params): string | undefined {
  if (endpoint.token === 'none') return undefined;
  const token = params.get('token') || undefined;
  if (token === undefined && endpoint.token === 'required') {
    throw new RestError('UNAUTHENTICATED', 'The token parameter is missing; log in first');
  }
  return token;
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
