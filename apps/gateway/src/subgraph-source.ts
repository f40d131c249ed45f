import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { getOperationAST, parse } from 'graphql';
import fetch, { FetchError, type RequestInit, type Response } from 'node-fetch';
import CircuitBreaker from 'opossum';
import {
  appError,
  clientIpHeader,
  graphqlUploadForm,
  injectTraceHeaders,
  type Logger,
  readJsonBody,
  safeFilename,
  sendForm,
  subgraphSecretHeader,
} from '@reel/common';
import type { GatewayContext } from './context';
import { limits, subgraphBreaker, type SubgraphFetchPolicy } from './limits';
import { measureFetch } from './request-metrics';
import { type FoundUpload, findUploads, uploadStream, withoutUploads } from './uploads';

const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: limits.subgraphKeepAliveSockets });
// uploads get sockets of their own: slow uploads must not starve queries to the same subgraph
const uploadAgent = new Agent({ keepAlive: true, maxSockets: limits.subgraphUploadSockets });
// a retry must not take another pooled socket, which may be about to die as well
const freshConnectionAgent = new Agent({ keepAlive: false });

type Fetcher = NonNullable<
  NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']
>;

const BREAKER_OPEN = 'EOPENBREAKER'; // opossum's code for a fire() refused while open
// a subgraph (or a proxy before it) that says it cannot answer now: a query may go again
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** What one subgraph's fetcher did; tests read it. */
export interface FetchStats {
  /** Fetches sent (each a fire of the breaker), retries included. */
  fetches: number;
  /** Of those, the retries of a query. */
  retries: number;
}

/**
 * The fetcher of one subgraph behind its circuit breaker: each fetch waits at most
 * `fetchTimeoutMs`; a query that got no answer or a 502/503/504 goes again, up to
 * `queryAttempts` fetches in all, on a new connection (the pooled one may be dying too); a
 * mutation goes once. Once the subgraph keeps failing, the breaker opens and its fetches fail at
 * once (no socket, no timeout to wait out, no retry) until a trial fetch gets an answer.
 */
export function breakerFetcher(
  name: string,
  log: Logger,
  policy: SubgraphFetchPolicy = subgraphBreaker,
): Fetcher & { stats: FetchStats } {
  const stats: FetchStats = { fetches: 0, retries: 0 };
  // node-fetch with a keep-alive agent: one TCP connection serves many fetches to a subgraph
  const fetchOnce = (url: string, init: RequestInit, fresh: boolean): Promise<Response> => {
    stats.fetches += 1;
    // node-fetch v2 types its own AbortSignal; Node's is what it checks at run time
    const signal = AbortSignal.timeout(policy.fetchTimeoutMs) as RequestInit['signal'];
    return fetch(url, { ...init, signal, agent: fresh ? freshConnectionAgent : keepAliveAgent });
  };
  const breaker = new CircuitBreaker(fetchOnce, {
    name,
    timeout: false, // fetchOnce aborts its own fetch: opossum's timer would leave it running
    resetTimeout: policy.resetTimeoutMs,
    rollingCountTimeout: policy.rollingWindowMs,
    volumeThreshold: policy.volumeThreshold,
    errorThresholdPercentage: policy.errorThresholdPercentage,
  });
  breaker.on('open', () => log.warn({ subgraph: name }, 'subgraph circuit open: failing fast'));
  breaker.on('halfOpen', () => log.info({ subgraph: name }, 'subgraph circuit half-open: trying'));
  breaker.on('close', () => log.info({ subgraph: name }, 'subgraph circuit closed: answering'));

  const fetcher = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const attempts = isQueryBody(init.body) ? policy.queryAttempts : 1;
    for (let attempt = 1; ; attempt += 1) {
      let retryFor: string;
      try {
        const response = await breaker.fire(url, init, attempt > 1);
        if (attempt >= attempts || !RETRIED_STATUSES.has(response.status)) return response;
        await response.arrayBuffer().catch(() => undefined); // frees the connection
        retryFor = `HTTP ${response.status}`;
      } catch (error) {
        if (attempt >= attempts || !isNoAnswer(error)) throw error;
        retryFor = (error as Error).message;
      }
      stats.retries += 1;
      log.warn({ subgraph: name, attempt, reason: retryFor }, 'subgraph query sent again');
      await new Promise((resolve) => setTimeout(resolve, policy.retryDelayMs));
    }
  };
  return Object.assign(fetcher as unknown as Fetcher, { stats });
}

/** No answer came: refused, reset, cut before the response head, or timed out (not the breaker). */
function isNoAnswer(error: unknown): boolean {
  return error instanceof FetchError || (error as Error | undefined)?.name === 'AbortError';
}

/**
 * Whether a subgraph request is a query, from its JSON body: Apollo's data source writes `query`
 * first, so the operation's keyword is read without parsing the body; a query document is parsed
 * to be sure (several operations, a name). Anything unsure counts as a mutation: never retried.
 */
function isQueryBody(body: RequestInit['body']): boolean {
  if (typeof body !== 'string') return false;
  const head = /^\{"query":"\s*(query\b|\{)/.exec(body);
  if (!head) return false;
  try {
    const { query, operationName } = JSON.parse(body) as {
      query?: string;
      operationName?: string;
    };
    if (typeof query !== 'string') return false;
    return getOperationAST(parse(query), operationName)?.operation === 'query';
  } catch {
    return false;
  }
}

/**
 * Sends the shared subgraph secret (subgraphs refuse requests without it) and forwards the
 * verified bearer token, request id and client address (the subgraph re-verifies the token), and
 * streams uploads on as GraphQL multipart requests: the stock data source would JSON-encode an
 * Upload as `{}`. Nothing here holds a whole file in memory.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;
  readonly fetchStats: FetchStats;

  constructor(
    url: string,
    private readonly secret: string,
    { name, log, policy }: { name: string; log: Logger; policy?: SubgraphFetchPolicy },
  ) {
    const fetcher = breakerFetcher(name, log, policy);
    super({ url, fetcher });
    this.name = name;
    this.fetchStats = fetcher.stats;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    for (const [name, value] of Object.entries(this.headersFor(context))) {
      request.http?.headers.set(name, value);
    }
  }

  private headersFor(context: GraphQLDataSourceProcessOptions<GatewayContext>['context']) {
    const headers: Record<string, string> = { [subgraphSecretHeader]: this.secret };
    if (!('requestId' in context)) return headers;
    if (context.authorization) headers.authorization = context.authorization;
    if (context.clientIp) headers[clientIpHeader] = context.clientIp;
    headers['x-request-id'] = context.requestId;
    // the active span is the gateway's fetch span: the subgraph's server span becomes its child
    injectTraceHeaders(headers);
    return headers;
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    return measureFetch(this.name, () => this.processMeasured(options));
  }

  private async processMeasured(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const uploads = findUploads(options.request.variables);
    if (uploads.length === 0) {
      try {
        return await super.process(options);
      } catch (error) {
        if ((error as { code?: unknown }).code === BREAKER_OPEN)
          throw appError(
            'UNAVAILABLE',
            `The ${this.name} service is failing; its requests are paused for a few seconds`,
          );
        // unreachable, reset, cut mid-answer, or no answer in time: a code the client can retry on
        if (!(error instanceof FetchError) && (error as Error).name !== 'AbortError') throw error;
        logOf(options.context)?.warn({ err: error, subgraph: this.url }, 'subgraph unavailable');
        throw appError('UNAVAILABLE', 'A service behind the gateway is unavailable; try again');
      }
    }
    // files arrive one after another on one request: a second could only be read once the
    // first is fully sent, so one fetch carries one file
    if (uploads.length > 1) throw appError('BAD_USER_INPUT', 'Send one file per request');
    return this.processMultipart(options, uploads[0]!);
  }

  private async processMultipart(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    found: FoundUpload,
  ): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const log = logOf(context);
    let content: ReturnType<typeof uploadStream>;
    let filename: string;
    try {
      const file = await found.upload.promise;
      content = uploadStream(file);
      filename = safeFilename(file.filename);
    } catch (error) {
      throw clientUploadFailure(error, log);
    }
    // the client's side of the upload failing (it left, or sent too much) is told apart from
    // the subgraph's side failing (it stopped, or cannot be reached)
    let clientFailure: unknown;
    content.once('error', (error) => (clientFailure = error));
    const form = graphqlUploadForm(
      {
        query: request.query,
        operationName: request.operationName,
        variables: withoutUploads(request.variables) as Record<string, unknown>,
      },
      { variable: found.path, content, filename },
    );
    const headers: Record<string, string> = {
      ...form.getHeaders(),
      'apollo-require-preflight': 'true',
      ...this.headersFor(context),
    };
    const outgoing = httpRequest(this.url, {
      method: 'POST',
      headers,
      agent: uploadAgent,
      timeout: limits.subgraphUploadTimeoutMs,
    });
    outgoing.once('timeout', () =>
      outgoing.destroy(
        appError('UNAVAILABLE', 'The video service did not answer the upload in time'),
      ),
    );
    try {
      const response = await sendForm(form, outgoing);
      return await readGraphqlResponse(response, request.operationName);
    } catch (error) {
      if (isCoded(error)) throw error; // too large, timed out
      if (clientFailure) throw clientUploadFailure(clientFailure, log);
      log?.warn({ err: error, subgraph: this.url }, 'upload to subgraph failed');
      throw appError(
        'UNAVAILABLE',
        'The video service stopped or could not be reached before answering; send the upload again',
      );
    } finally {
      // the subgraph may answer before reading the whole file (a bad title): stop sending it
      if (!outgoing.writableFinished) outgoing.destroy();
    }
  }
}

const isCoded = (error: unknown) => typeof error === 'object' && !!error && 'extensions' in error;

function logOf(
  context: GraphQLDataSourceProcessOptions<GatewayContext>['context'],
): Logger | undefined {
  return 'requestId' in context ? context.log : undefined;
}

/** The client's upload failed on its way in: too large, refused by the parser, or cut short. */
function clientUploadFailure(error: unknown, log: Logger | undefined): unknown {
  if (isCoded(error)) return error;
  const { status, message } = error as { status?: unknown; message?: unknown };
  if (status === 413) return appError('PAYLOAD_TOO_LARGE', 'The upload exceeds the size limit');
  if (typeof status === 'number' && status >= 400 && status < 499 && typeof message === 'string')
    return appError('BAD_USER_INPUT', message);
  // graphql-upload-minimal says 499 when the request closed mid-body: nobody reads this answer
  log?.info({ reason: String(message ?? error) }, 'client went away during an upload');
  return appError('BAD_USER_INPUT', 'The upload was interrupted before it completed');
}

async function readGraphqlResponse(
  response: IncomingMessage,
  operationName: string | undefined,
): Promise<GatewayGraphQLResponse> {
  try {
    return (await readJsonBody(response)) as GatewayGraphQLResponse;
  } catch {
    throw appError(
      'UNAVAILABLE',
      `the ${operationName ?? 'upload'} request got an unreadable answer (HTTP ${response.statusCode})`,
    );
  }
}
