import { z } from 'zod';
import { appError } from './errors';
import type { Logger } from './logger';

// a null beside errors is a failure to answer, not an answer
const answerSchema = z.object({
  data: z.unknown(),
  errors: z.array(z.unknown()).max(0).optional(),
});

export interface AskGatewayOptions<TData extends z.ZodType> {
  /** What the answer's `data` must look like; anything else is a failure to answer. */
  data: TData;
  /** How long the gateway has to answer, in ms. */
  timeoutMs: number;
  log: Logger;
  /** The warning logged, with the cause and `logContext`, when the gateway does not answer. */
  failureLog: string;
  logContext?: Record<string, unknown>;
  /** The UNAVAILABLE error's message, for the client. */
  unavailableMessage: string;
  /** Sent as x-request-id, so the gateway's logs tie the lookup to the request that made it. */
  requestId?: string;
}

/**
 * Asks the supergraph a small query through the gateway's public /graphql, as any client asks:
 * how a subgraph learns what another owns without reading its tables. In the one-machine topology
 * the gateway runs the asking subgraph in-process and is asked over HTTP all the same: it is the
 * one door to the supergraph. Answers `data`; a gateway that does not answer within `timeoutMs`,
 * answers errors (a null beside errors is a failure to answer, not an answer), or answers
 * anything but `data`'s shape is logged and thrown as UNAVAILABLE.
 */
export async function askGateway<TData extends z.ZodType>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  options: AskGatewayOptions<TData>,
): Promise<z.output<TData>> {
  try {
    // the gateway answers coded errors with 4xx/5xx and a GraphQL body: read it whatever the status
    const response = await fetch(`${gatewayUrl.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // the gateway's CSRF prevention; harmless on a JSON body, required on any other
        'apollo-require-preflight': 'true',
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body: unknown = await response.json();
    const { data } = answerSchema.parse(body);
    return options.data.parse(data) as z.output<TData>;
  } catch (error) {
    options.log.warn({ err: error, ...options.logContext }, options.failureLog);
    throw appError('UNAVAILABLE', options.unavailableMessage);
  }
}
