import type { Server } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
} from 'graphql';
import { type WebSocket, WebSocketServer } from 'ws';
import { appError, type Attachment, type ConfigOf, type Logger, type Viewer } from '@reel/common';
import { limits } from '../limits';
import {
  namingTokenLimit,
  operationLimitRules,
  parseOptions,
  subscriptionRootMistake,
} from '../operation-limits';
import { viewerFrom } from '../viewer';
import {
  type EdgeSocket,
  edgeSocket,
  eventCostRefusal,
  type RealtimeEdge,
  type SubscriptionPlan,
} from './edge';
import type { SendNext } from './subscriber-queue';

/** What onSubscribe hands graphql-ws for `subscribe`, as the execution's context value. */
interface PlannedSubscription {
  plan: SubscriptionPlan;
  socket: EdgeSocket;
  sendNext: SendNext;
}

/**
 * Writes a subscription's `next` messages around a payload serialized once for all its
 * subscribers: the same bytes as graphql-ws's own `stringifyMessage({ id, type, payload })`, and
 * the same send (nothing once the socket is no longer open; waited for until ws wrote it), but
 * with no promise to wait for when the kernel took the frame at once: ws then holds nothing
 * (`bufferedAmount` 0), which is every write but those to a client that stopped reading.
 */
function nextSender(socket: WebSocket, id: string): SendNext {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return (payloadJson) => {
    if (socket.readyState !== socket.OPEN) return undefined;
    let written: ((error?: Error) => void) | undefined;
    let early: { error?: Error } | undefined; // ws answered before anyone waited
    socket.send(`${head}${payloadJson}}`, (error) => {
      if (written) written(error);
      else early = { error };
    });
    if (socket.bufferedAmount === 0) return undefined;
    return new Promise<void>((resolve, reject) => {
      written = (error) => (error ? reject(error) : resolve());
      if (early) written(early.error);
    });
  };
}

type SocketExtra = {
  viewer?: Viewer | null;
  authorization?: string;
  expiryTimer?: NodeJS.Timeout;
  edge?: EdgeSocket;
};

/**
 * The realtime edge's socket side: graphql-ws on the gateway's `/graphql` (the HTTP URL), the
 * token in `connection_init` as `{ authorization: "Bearer <jwt>" }` (none: anonymous), the socket
 * closed when that token expires, and on shutdown every socket closed with 1001 before HTTP
 * drains. Only subscriptions run here, validated against the gateway's API schema with the same
 * limits as HTTP, then planned and served by the edge (edge.ts); queries and mutations go over
 * HTTP.
 */
export function attachRealtime(
  server: Server,
  options: { config: ConfigOf<'auth'>; gateway: ApolloGateway; edge: RealtimeEdge; log: Logger },
): Attachment {
  const { config, gateway, edge, log } = options;
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: limits.wsMaxPayloadBytes,
    // ws's default, stated: compressing each socket's copy of an event would cost a deflate per
    // subscriber per event for messages of a few hundred bytes
    perMessageDeflate: false,
  });
  let closing = false;
  const sockets = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        if (closing) return false;
        const authorization = ctx.connectionParams?.authorization;
        if (authorization !== undefined && typeof authorization !== 'string') return false;
        try {
          const verified = await viewerFrom(config, authorization);
          ctx.extra.viewer = verified.viewer;
          ctx.extra.authorization = verified.authorization;
          ctx.extra.edge = edgeSocket((code, reason) => ctx.extra.socket.close(code, reason));
          const expiresAt = verified.viewer?.expiresAt;
          if (expiresAt) {
            ctx.extra.expiryTimer = setTimeout(
              () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'),
              Math.max(0, expiresAt - Date.now()),
            );
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      // onSubscribe below planned it; the edge serves it from NATS, not graphql's subscribe()
      subscribe: (args) => {
        const { plan, socket, sendNext } = args.contextValue as PlannedSubscription;
        return edge.subscribe(plan, socket, sendNext);
      },
      onSubscribe: (ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
        if (closing) return [appError('UNAVAILABLE', 'The server is shutting down')];
        const schema = gateway.schema;
        if (!schema) return [appError('UNAVAILABLE', 'The supergraph is not loaded yet')];
        // the one being subscribed is counted already
        if (Object.keys(ctx.subscriptions).length > limits.wsSubscriptionsPerSocket)
          return [
            appError(
              'BAD_USER_INPUT',
              `Subscription limit of ${limits.wsSubscriptionsPerSocket} per socket exceeded`,
            ),
          ];
        const retryAfter = edge.retryAfterSeconds(ctx.extra.edge!);
        if (retryAfter > 0)
          return [eventCostRefusal("This socket's events reached their cost limit", retryAfter)];
        let document: DocumentNode;
        try {
          // the same token, depth, alias and directive limits as over HTTP (operation-limits.ts)
          document = parse(payload.query, parseOptions());
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? clientMistake(namingTokenLimit(error).message, 'GRAPHQL_PARSE_FAILED')
              : appError('BAD_USER_INPUT', 'Unreadable query'),
          ];
        }
        const mistake = subscriptionRootMistake(document);
        if (mistake) return [mistake];
        const invalid = validate(schema, document, [...specifiedRules, ...operationLimitRules()], {
          hideSuggestions: config.isProduction, // as over HTTP (app.ts)
        });
        if (invalid.length > 0)
          return invalid.map((error) => clientMistake(error.message, 'GRAPHQL_VALIDATION_FAILED'));
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [
            appError(
              'BAD_USER_INPUT',
              'Only subscriptions run over WebSocket; send queries and mutations over HTTP',
            ),
          ];
        }
        const plan = edge.plan({
          schema,
          document,
          operationName: payload.operationName,
          variables: payload.variables,
          credentials: {
            viewer: ctx.extra.viewer ?? null,
            authorization: ctx.extra.authorization,
            // lookups may serve several subscribers at once (edge.ts): no one client's address
            clientIp: null,
          },
        });
        if (Array.isArray(plan)) return plan;
        const planned: PlannedSubscription = {
          plan,
          socket: ctx.extra.edge!,
          sendNext: nextSender(ctx.extra.socket, id),
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: planned,
        };
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

/**
 * A document refused before it runs, coded as the gateway's HTTP answers code it (maskErrors):
 * BAD_USER_INPUT, with Apollo's code as the reason.
 */
function clientMistake(
  message: string,
  reason: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED',
): GraphQLError {
  return appError('BAD_USER_INPUT', message, { reason });
}
