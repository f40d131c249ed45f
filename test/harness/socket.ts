import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { withDeadline } from '@reel/common';
import type { RealtimeEdge } from '@reel/gateway/realtime/edge';
import { eventually } from '@reel/testkit';

const HANDSHAKE_DEADLINE_MS = 10_000; // an ack or a close; a local gateway answers in milliseconds

export interface SocketClose {
  code: number;
  reason: string;
}

/**
 * A graphql-ws client on the gateway's /graphql, connecting at once and never retrying.
 * `outcome`: the client once the server acknowledged `connection_init`, or the close that came
 * first (4403 for a refused token), within a deadline; `closed`: however the socket ends, later.
 */
export function connectSocket(gatewayUrl: string, connectionParams: Record<string, unknown>) {
  let client: Client | undefined;
  let onClose: (close: SocketClose) => void = () => undefined;
  const closed = new Promise<SocketClose>((resolve) => (onClose = resolve));
  const outcome = new Promise<{ connected: true; client: Client } | SocketClose>((resolve) => {
    client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: false,
      // the close is what the tests observe (on.closed), not an error to print
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve({ connected: true, client: client! }),
        closed: (event) => {
          const { code, reason } = event as SocketClose;
          resolve({ code, reason });
          onClose({ code, reason });
        },
      },
    });
  });
  return {
    outcome: withDeadline(
      outcome,
      HANDSHAKE_DEADLINE_MS,
      'the socket was neither acked nor closed',
    ),
    closed,
    dispose: () => client?.dispose(),
  };
}

/** How long a live event may take: outbox, relay, NATS and a lookup; locally milliseconds. */
export const LIVE_EVENT_WAIT_MS = 15_000;

/** A socket's subscription: what it received so far, and a bounded wait for more. */
export interface Watch {
  received: unknown[];
  /** Resolves with everything received once there are `count` results. */
  until(count: number): Promise<unknown[]>;
}

/**
 * A graphql-ws socket on a gateway (anonymous without a token), acked, within a deadline; each
 * `subscribe` records what arrives, errors included (as `{ error }`).
 */
export async function openSocket(gatewayUrl: string, token?: string) {
  const socket = connectSocket(gatewayUrl, token ? { authorization: `Bearer ${token}` } : {});
  const outcome = await socket.outcome;
  if (!('connected' in outcome)) throw new Error(`socket closed: ${outcome.code}`);
  const client: Client = outcome.client;
  return {
    closed: socket.closed,
    dispose: socket.dispose,
    subscribe(query: string, variables: Record<string, unknown>): Watch {
      const received: unknown[] = [];
      const waiters: (() => void)[] = [];
      const arrived = (value: unknown) => {
        received.push(value);
        for (const wake of waiters.splice(0)) wake();
      };
      client.subscribe(
        { query, variables },
        { next: arrived, error: (error) => arrived({ error }), complete: () => undefined },
      );
      return {
        received,
        until: (count) =>
          withDeadline(
            (async () => {
              while (received.length < count) await new Promise<void>((r) => waiters.push(r));
              return received;
            })(),
            LIVE_EVENT_WAIT_MS,
            `${count} events expected, ${received.length} received: ${JSON.stringify(received)}`,
          ),
      };
    },
  };
}

/** Waits until a gateway's edge has `subscribers` on a subject with its NATS subscription live. */
export async function untilWatching(edge: RealtimeEdge, subject: string, subscribers: number) {
  await eventually(() => expect(edge.watching(subject)).toEqual({ live: true, subscribers }));
}
