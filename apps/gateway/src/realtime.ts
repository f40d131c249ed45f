import type { Server } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
} from 'graphql';
import { WebSocketServer } from 'ws';
import type { Attachment, ConfigOf, Logger, Viewer } from '@reel/common';
import { limits } from './limits';
import { namingTokenLimit, operationLimitRules, parseOptions } from './operation-limits';
import { viewerFrom } from './viewer';

type SocketExtra = {
  viewer?: Viewer | null;
  expiryTimer?: NodeJS.Timeout;
};

/**
 * The realtime edge's socket side: graphql-ws on the gateway's `/graphql` (the HTTP URL), the
 * token in `connection_init` as `{ authorization: "Bearer <jwt>" }` (none: anonymous), the socket
 * closed when that token expires, and on shutdown every socket closed with 1001 before HTTP
 * drains. Only subscriptions run here; the gateway executes queries and mutations over HTTP.
 */
export function attachRealtime(
  server: Server,
  options: { config: ConfigOf<'auth'>; gateway: ApolloGateway; log: Logger },
): Attachment {
  const { config, gateway, log } = options;
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: limits.wsMaxPayloadBytes,
  });
  let closing = false;
  const sockets = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        if (closing) return false;
        const authorization = ctx.connectionParams?.authorization;
        if (authorization !== undefined && typeof authorization !== 'string') return false;
        try {
          const { viewer } = await viewerFrom(config, authorization);
          ctx.extra.viewer = viewer;
          if (viewer?.expiresAt) {
            ctx.extra.expiryTimer = setTimeout(
              () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'),
              Math.max(0, viewer.expiresAt - Date.now()),
            );
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      onSubscribe: (_ctx, _id, payload) => {
        if (closing)
          return [
            new GraphQLError('The server is shutting down', {
              extensions: { code: 'UNAVAILABLE' },
            }),
          ];
        const schema = gateway.schema;
        if (!schema)
          return [
            new GraphQLError('The supergraph is not loaded yet', {
              extensions: { code: 'UNAVAILABLE' },
            }),
          ];
        let document: DocumentNode;
        try {
          // the same token, depth, alias and directive limits as over HTTP (operation-limits.ts)
          document = parse(payload.query, parseOptions());
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? new GraphQLError(namingTokenLimit(error).message, {
                  extensions: { code: 'BAD_USER_INPUT' },
                })
              : new GraphQLError('Unreadable query'),
          ];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...operationLimitRules()]);
        if (invalid.length > 0) return invalid;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions run over WebSocket; send queries and mutations over HTTP',
              {
                extensions: { code: 'BAD_USER_INPUT' },
              },
            ),
          ];
        }
        // Subscription fields are executed by the realtime edge once a subgraph declares one
        // (ARCHITECTURE.md "Realtime"); until then validation above refuses every subscription.
        return [
          new GraphQLError('No subscription is served', { extensions: { code: 'BAD_USER_INPUT' } }),
        ];
      },
    },
    wss,
  );
  wss.on('error', (error) => log.error({ err: error }, 'websocket server error'));
  return {
    async close() {
      closing = true;
      const disposed = Promise.resolve(sockets.dispose());
      // a peer that never answers the close handshake must not hold the shutdown
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, limits.wsCloseGraceMs);
      await disposed.finally(() => clearTimeout(cut));
    },
  };
}
