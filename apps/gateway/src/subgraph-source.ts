import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import fetch from 'node-fetch';
import {
  appError,
  clientIpHeader,
  graphqlUploadForm,
  readJsonBody,
  safeFilename,
  sendForm,
  subgraphSecretHeader,
} from '@reel/common';
import type { GatewayContext } from './context';
import { limits } from './limits';
import { type FoundUpload, findUploads, uploadStream, withoutUploads } from './uploads';

const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: limits.subgraphKeepAliveSockets });
// uploads get sockets of their own: slow uploads must not starve queries to the same subgraph
const uploadAgent = new Agent({ keepAlive: true, maxSockets: limits.subgraphUploadSockets });

// node-fetch with a keep-alive agent: one TCP connection serves many fetches to a subgraph.
type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];
const keepAliveFetcher = ((url: string, init?: object) =>
  fetch(url, { ...init, agent: keepAliveAgent })) as unknown as Fetcher;

/**
 * Sends the shared subgraph secret (subgraphs refuse requests without it) and forwards the
 * verified bearer token, request id and client address (the subgraph re-verifies the token), and
 * streams uploads on as GraphQL multipart requests: the stock data source would JSON-encode an
 * Upload as `{}`. Nothing here holds a whole file in memory.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url, fetcher: keepAliveFetcher });
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
    return headers;
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const uploads = findUploads(options.request.variables);
    if (uploads.length === 0) return super.process(options);
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
    const file = await found.upload.promise;
    const form = graphqlUploadForm(
      {
        query: request.query,
        operationName: request.operationName,
        variables: withoutUploads(request.variables) as Record<string, unknown>,
      },
      { variable: found.path, content: uploadStream(file), filename: safeFilename(file.filename) },
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
    } finally {
      // the subgraph may answer before reading the whole file (a bad title): stop sending it
      if (!outgoing.writableFinished) outgoing.destroy();
    }
  }
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
