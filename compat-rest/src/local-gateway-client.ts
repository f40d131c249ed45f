import type { Logger } from '@reel/common';
import {
  authorizationOf,
  dataOf,
  type GatewayClient,
  type GraphqlCall,
  type UploadCall,
  type ViewerFlags,
} from './gateway-client';
import { RestError } from './rest-error';

/** One operation for a gateway in this process, with what HTTP headers would have carried. */
export interface LocalOperation {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** `Bearer <token>`: the gateway verifies it, once, as it verifies the header. */
  authorization?: string;
  requestId: string;
  log?: Logger;
  clientIp: string | null;
  /** A file on disk that fills the Upload variable `variable`. */
  file?: { variable: string; path: string; filename: string };
}

/** The logged-in feed's flags (viewerFlagsOperation), with what headers would have carried. */
export interface LocalFlagsRequest {
  videoIds: string[];
  userIds: string[];
  authorization?: string;
  requestId: string;
  log?: Logger;
  clientIp: string | null;
}

/**
 * What compat-rest needs of a gateway running in its process (apps/gateway's `localGateway`):
 * its request pipeline without the HTTP hop. `execute` answers a GraphQL response body, errors
 * formatted as over HTTP.
 */
export interface LocalGateway {
  execute(operation: LocalOperation): Promise<unknown>;
  /**
   * viewerFlagsOperation's response body, answered without planning: one fetch to each owning
   * subgraph, as the gateway's plan for it would send.
   */
  viewerFlags(request: LocalFlagsRequest): Promise<unknown>;
  checkReady(): Promise<void>;
}

/**
 * The one-process topology's client: every operation runs in the gateway's own pipeline (its
 * plugins, limits and error masking) with no HTTP hop and no JSON round trip, and answers map to
 * RestErrors exactly as the HTTP client maps them.
 */
export function createLocalGatewayClient(gateway: LocalGateway): GatewayClient {
  const run = async (call: GraphqlCall, file?: LocalOperation['file']) => {
    const operation: LocalOperation = {
      query: call.document,
      operationName: call.operationName,
      variables: call.variables,
      authorization: authorizationOf(call),
      requestId: call.requestId,
      log: call.log,
      clientIp: call.clientIp ?? null,
      file,
    };
    let body: unknown;
    try {
      body = await gateway.execute(operation);
    } catch (error) {
      throw new RestError('UNAVAILABLE', undefined, { cause: error });
    }
    return dataOf(body);
  };
  return {
    execute: (call) => run(call),
    async viewerFlags({ videoIds, userIds, ...call }) {
      let body: unknown;
      try {
        body = await gateway.viewerFlags({
          videoIds,
          userIds,
          authorization: authorizationOf(call),
          requestId: call.requestId,
          log: call.log,
          clientIp: call.clientIp ?? null,
        });
      } catch (error) {
        throw new RestError('UNAVAILABLE', undefined, { cause: error });
      }
      return dataOf(body) as unknown as ViewerFlags;
    },
    // the file is read from the spool as the video subgraph stages it; a client that goes away
    // meanwhile costs only that (the HTTP client stops sending instead)
    upload: (call: UploadCall) => run(call, call.file),
    checkReady: () => gateway.checkReady(),
  };
}
