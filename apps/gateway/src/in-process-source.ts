import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { LocalRequest, LocalResult, ReadinessChecks, Viewer } from '@reel/common';
import type { GatewayContext } from './context';

/** What the gateway needs of a subgraph app to run it in its own process. */
export interface InProcessSubgraph {
  checks: ReadinessChecks;
  executeAs(viewer: Viewer | null, request: LocalRequest): Promise<LocalResult>;
}

/**
 * The single-process topology: a fetch node runs through the subgraph's own Apollo Server
 * (same parsing, validation and error masking as over HTTP) without a network hop. The viewer
 * was verified by the gateway in this very process, so it is handed over rather than re-verified.
 */
export class InProcessSubgraphSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: InProcessSubgraph) {}

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const viewer = 'viewer' in options.context ? (options.context.viewer as Viewer | null) : null;
    const { request } = options;
    const result = await this.subgraph.executeAs(viewer, {
      query: request.query,
      operationName: request.operationName,
      variables: request.variables,
    });
    return { data: result.data, errors: result.errors ? [...result.errors] : undefined };
  }
}
