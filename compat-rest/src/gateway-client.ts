import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  graphqlUploadForm,
  injectTraceHeaders,
  isErrorCode,
  type Logger,
  readJsonBody,
  sendForm,
} from '@reel/common';
import { z } from 'zod';
import { limits } from './limits';
import { RestError, tooManyRequests } from './rest-error';

export interface GraphqlCall {
  document: string;
  /** Picks one operation when the document holds several. */
  operationName?: string;
  variables: Record<string, unknown>;
  /** The REST `token` param: the JWT that register/login issued. */
  token?: string;
  requestId: string;
  /**
   * X-Forwarded-For as a proxy sends it: what the REST client sent, then its socket address.
   * The gateway decides how much of it to believe (TRUSTED_PROXY).
   */
  forwardedFor?: string;
  /**
   * The client's address as compat-rest read it (the same TRUSTED_PROXY policy): what a gateway
   * in this process takes instead of re-reading `forwardedFor`.
   */
  clientIp?: string | null;
  /** The REST request's logger, for a gateway in this process to log under. */
  log?: Logger;
}

/** A call whose `file.variable` is an Upload, sent as a GraphQL multipart request. */
export interface UploadCall extends GraphqlCall {
  file: { variable: string; path: string; filename: string };
  /** Stops sending when aborted (the REST client went away). */
  signal?: AbortSignal;
}

export type OperationData = Record<string, unknown>;

/** The logged-in feed's flags: which of a page's videos the viewer likes, which authors it follows. */
export interface FlagsCall extends Omit<GraphqlCall, 'document' | 'operationName' | 'variables'> {
  videoIds: string[];
  userIds: string[];
}

export interface ViewerFlags {
  likedAmong: string[];
  followedAmong: string[];
}

/**
 * The flags as one operation (one batched query in interaction, one in social). A gateway in this
 * process answers it without its pipeline (apps/gateway viewer-flags.ts), under the same name.
 */
export const viewerFlagsOperation = {
  operationName: 'DouyinFeedFlags',
  document: /* GraphQL */ `
    query DouyinFeedFlags($videoIds: [ID!]!, $userIds: [ID!]!) {
      likedAmong(videoIds: $videoIds)
      followedAmong(userIds: $userIds)
    }
  `,
} as const;

/** A FlagsCall as the GraphQL operation it stands for. */
export function flagsOperationCall({ videoIds, userIds, ...call }: FlagsCall): GraphqlCall {
  return { ...call, ...viewerFlagsOperation, variables: { videoIds, userIds } };
}

const graphqlResponse = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(
      z.object({
        message: z.string().optional(),
        extensions: z
          .object({ code: z.unknown().optional(), retryAfterSeconds: z.unknown().optional() })
          .optional(),
      }),
    )
    .optional(),
});

type GraphqlError = NonNullable<z.infer<typeof graphqlResponse>['errors']>[number];

/**
 * How compat-rest runs its operations: over HTTP (createGatewayClient) or against a gateway in
 * this process (local-gateway-client.ts). Every failure comes back as a RestError.
 */
export interface GatewayClient {
  execute(call: GraphqlCall): Promise<OperationData>;
  upload(call: UploadCall): Promise<OperationData>;
  /** The viewer's flags; the token is checked even when there are no ids. */
  viewerFlags(call: FlagsCall): Promise<ViewerFlags>;
  /** Resolves while the gateway can serve; throws why not. */
  checkReady(): Promise<void>;
}

/** Speaks GraphQL over HTTP to the gateway; every failure comes back as a RestError. */
export function createGatewayClient(gatewayUrl: string): GatewayClient {
  const graphqlUrl = `${gatewayUrl}/graphql`;
  const execute = async (call: GraphqlCall): Promise<OperationData> =>
    dataOf(await postOperation(graphqlUrl, call));
  return {
    execute,

    async viewerFlags(call: FlagsCall): Promise<ViewerFlags> {
      return (await execute(flagsOperationCall(call))) as unknown as ViewerFlags;
    },

    /** Streams the file from disk, chunked: no upload is ever held in memory. */
    async upload(call: UploadCall): Promise<OperationData> {
      return dataOf(await postUpload(graphqlUrl, call));
    },

    /** Ready only while the gateway is: its /readyz answers 503 while a subgraph is down. */
    async checkReady(): Promise<void> {
      const response = await fetch(`${gatewayUrl}/readyz`, {
        signal: AbortSignal.timeout(limits.gatewayTimeoutMs),
      });
      await response.body?.cancel(); // the status is the answer; release the socket
      if (!response.ok) throw new Error(`gateway answered ${response.status}`);
    },
  };
}

/** A GraphQL response body as the data, or its first error as a RestError (both clients). */
export function dataOf(body: unknown): OperationData {
  const parsed = graphqlResponse.safeParse(body);
  if (!parsed.success) throw new RestError('UNAVAILABLE', undefined, { cause: parsed.error });
  const [error] = parsed.data.errors ?? [];
  if (error) throw restErrorOf(error);
  if (!parsed.data.data) {
    throw new RestError('UNAVAILABLE', undefined, { cause: 'neither data nor errors' });
  }
  return parsed.data.data;
}

async function postOperation(url: string, call: GraphqlCall): Promise<unknown> {
  const headers = headersFor(call);
  try {
    // The gateway answers coded errors with 4xx and a GraphQL body, so the status is not checked.
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: call.document,
        operationName: call.operationName,
        variables: call.variables,
      }),
      signal: AbortSignal.timeout(limits.gatewayTimeoutMs),
    });
    return await response.json();
  } catch (error) {
    throw new RestError('UNAVAILABLE', undefined, { cause: error });
  }
}

/** The GraphQL multipart request spec: `operations`, `map`, then the file as part "0". */
async function postUpload(url: string, call: UploadCall): Promise<unknown> {
  const headers = headersFor(call);
  const file = createReadStream(call.file.path);
  const form = graphqlUploadForm(
    {
      query: call.document,
      operationName: call.operationName,
      variables: { ...call.variables, [call.file.variable]: null },
    },
    { variable: call.file.variable, content: file, filename: call.file.filename },
  );
  const signals = [AbortSignal.timeout(limits.gatewayUploadTimeoutMs)];
  if (call.signal) signals.push(call.signal);
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  const outgoing = send(url, {
    method: 'POST',
    headers: { ...headers, ...form.getHeaders() },
    signal: AbortSignal.any(signals),
  });
  try {
    const response = await sendForm(form, outgoing);
    return await readJsonBody(response);
  } catch (error) {
    // nobody reads this answer; it only keeps a client's hang-up out of the gateway warnings
    if (call.signal?.aborted) {
      throw new RestError('BAD_USER_INPUT', 'The client went away', { cause: error });
    }
    throw new RestError('UNAVAILABLE', undefined, { cause: error });
  } finally {
    // the gateway may answer before reading the whole file (a bad title): stop sending it
    if (!outgoing.writableFinished) outgoing.destroy();
    file.destroy();
  }
}

// Header values must be visible ASCII; anything else could never be a token we issued.
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/** Everything but the content type, which depends on how the operation travels. */
function headersFor(call: GraphqlCall): Record<string, string> {
  const headers: Record<string, string> = {
    // the gateway's CSRF prevention lets a request through only with this or a JSON body
    'apollo-require-preflight': 'true',
    'x-request-id': call.requestId,
  };
  // this request's server span: the gateway's spans join its trace
  injectTraceHeaders(headers);
  if (call.forwardedFor) headers['x-forwarded-for'] = call.forwardedFor;
  const authorization = authorizationOf(call);
  return authorization ? { ...headers, authorization } : headers;
}

/** The `Authorization` value the call's token travels as, in either client. */
export function authorizationOf(call: Pick<GraphqlCall, 'token'>): string | undefined {
  if (call.token === undefined) return undefined;
  if (!HEADER_SAFE_TOKEN.test(call.token)) throw new RestError('UNAUTHENTICATED');
  return `Bearer ${call.token}`;
}

function restErrorOf(error: GraphqlError): RestError {
  const code = error.extensions?.code;
  // An uncoded error was not meant for clients: its text stays out of status_msg.
  if (!isErrorCode(code)) return new RestError('INTERNAL', undefined, { cause: error });
  const retryAfter = error.extensions?.retryAfterSeconds;
  if (code === 'RATE_LIMITED' && typeof retryAfter === 'number') return tooManyRequests(retryAfter);
  return new RestError(code, error.message || undefined);
}
