import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { metrics, operationLabel } from '@reel/common';
import type { GatewayContext } from './context';

// codes come from the errors table and Apollo's own; anything else is counted as "error"
const ERROR_CODE = /^[A-Z][A-Z_]{0,39}$/;

function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined) {
  const first = errors?.[0];
  if (!first) return 'ok';
  const code = first.extensions?.code;
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'error';
}

/**
 * reel_graphql_requests_total and reel_graphql_request_duration_seconds: one observation per
 * operation, labelled by its name (capped, see operationLabel) and outcome, the first error's code.
 */
export function requestMetrics(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, request, response }) {
          const errors =
            response.body.kind === 'single'
              ? response.body.singleResult.errors
              : response.body.initialResult.errors;
          observeOperation(operationName ?? request.operationName, errors, started);
        },
      };
    },
  };
}

/**
 * One operation's observation, `started` its performance.now(): what the plugin records, and
 * what an operation answered outside Apollo's pipeline records the same way (viewer-flags.ts).
 */
export function observeOperation(
  operationName: string | null | undefined,
  errors: readonly { extensions?: Record<string, unknown> }[] | undefined,
  started: number,
): void {
  const labels = { operation: operationLabel(operationName), outcome: outcomeOf(errors) };
  metrics.graphqlRequests.inc(labels);
  metrics.graphqlDuration.observe(labels, (performance.now() - started) / 1000);
}

/**
 * reel_subgraph_fetch_duration_seconds of one fetch of a query plan: `ok`, `errors` (the subgraph
 * answered with GraphQL errors) or `failed` (no answer: unreachable, timed out, circuit open).
 */
export async function measureFetch(
  subgraph: string,
  fetch: () => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  const end = metrics.subgraphFetchDuration.startTimer({ subgraph });
  try {
    const response = await fetch();
    end({ outcome: response.errors?.length ? 'errors' : 'ok' });
    return response;
  } catch (error) {
    end({ outcome: 'failed' });
    throw error;
  }
}
