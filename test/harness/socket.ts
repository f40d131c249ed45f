import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { withDeadline } from '@reel/common';

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
