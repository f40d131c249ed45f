import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type {
  LocalRequest,
  LocalRequestMeta,
  LocalResult,
  ReadinessChecks,
  Viewer,
} from '@reel/common';
import type { GatewayContext } from './context';
import { measureFetch } from './request-metrics';

/** What the gateway needs of a subgraph app to run it in its own process. */
export interface InProcessSubgraph {
  checks: ReadinessChecks;
  executeAs(
    viewer: Viewer | null,
    request: LocalRequest,
    meta?: LocalRequestMeta,
  ): Promise<LocalResult>;
}

/**
 * The single-process topology: a fetch node runs through the subgraph's own Apollo Server
 * (same parsing, validation and error masking as over HTTP) without a network hop. The viewer
 * was verified by the gateway in this very process, so it is handed over rather than re-verified;
 * the request id, logger and client address go with it, as headers do over HTTP (no subgraph
 * secret: nothing leaves the process).
 */
export class InProcessSubgraphSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    private readonly subgraph: InProcessSubgraph,
  ) {}

  process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    return measureFetch(this.name, () => this.processMeasured(options));
  }

  // the trace context needs no header here: the subgraph runs in this async context, under the
  // gateway's fetch span (createSubgraphApp's executeAs adds the subgraph's own span)
  private async processMeasured(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { context, request } = options;
    const fromClient = 'requestId' in context;
    const result = await this.subgraph.executeAs(
      fromClient ? context.viewer : null,
      { query: request.query, operationName: request.operationName, variables: request.variables },
      fromClient
        ? { requestId: context.requestId, log: context.log, clientIp: context.clientIp }
        : undefined,
    );
    return { data: result.data, errors: result.errors ? [...result.errors] : undefined };
  }
}
