import { Agent } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import fetch from 'node-fetch';
import type { GatewayContext } from './context';
import { limits } from './limits';

const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: limits.subgraphKeepAliveSockets });

// node-fetch with a keep-alive agent: one TCP connection serves many fetches to a subgraph.
type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];
const keepAliveFetcher = ((url: string, init?: object) => fetch(url, { ...init, agent: keepAliveAgent })) as unknown as Fetcher;

/** Forwards the verified bearer token and request id; the subgraph re-verifies the token. */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    super({ url, fetcher: keepAliveFetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set('x-request-id', context.requestId);
  }
}
