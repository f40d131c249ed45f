import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { OperationTypeNode } from 'graphql';
import { sessionStore } from './session';
import { uploadFetch } from './upload-fetch';
import { setSocketState } from './live';

const httpUrl = '/graphql';
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

// ms before the nth reconnect: 0.5, 1, 2, 4 … s up to 30 s, each with up to 50% jitter
const backoffMs = (retries: number) =>
  Math.min(30_000, 500 * 2 ** retries) * (1 + Math.random() * 0.5);

let activeSocket: WebSocket | null = null;

/** graphql-ws over the gateway's /graphql: the token in connection_init, endless retries. */
export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  connectionParams: () => {
    const session = sessionStore.get();
    return session ? { authorization: `Bearer ${session.token}` } : {};
  },
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffMs(retries))),
  on: {
    connected: (socket) => {
      activeSocket = socket as WebSocket;
      setSocketState('connected');
    },
    closed: () => {
      activeSocket = null;
      setSocketState('closed');
    },
  },
});

// a new token must reach connection_init: 4205 is graphql-ws's "restart", which reconnects and
// resubscribes every active subscription with the new connectionParams
sessionStore.subscribe(() => activeSocket?.close(4205, 'Client Restart'));

const authLink = new ApolloLink((operation, forward) => {
  const session = sessionStore.get();
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: {
      ...headers,
      // CSRF prevention on the gateway lets multipart (and every) request through with this
      'apollo-require-preflight': 'true',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
  }));
  return forward(operation);
});

const httpLink = new UploadHttpLink({ uri: httpUrl, fetch: uploadFetch });
const wsLink = new GraphQLWsLink(wsClient);

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return (
    definition.kind === 'OperationDefinition' &&
    definition.operation === OperationTypeNode.SUBSCRIPTION
  );
};

export const apolloClient = new ApolloClient({
  link: ApolloLink.split(isSubscription, wsLink, authLink.concat(httpLink)),
  cache: new InMemoryCache({
    typePolicies: {
      Query: { fields: { feed: relayStylePagination() } },
      Video: { fields: { comments: relayStylePagination() } },
      User: {
        fields: {
          videos: relayStylePagination(),
          likedVideos: relayStylePagination(),
        },
      },
    },
  }),
});
