import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { appError, asRequestError } from '@reel/common';
import type { GatewayContext } from './context';

// Mutations that do not act as the viewer: a stale token must not stop anyone logging in again.
const SESSION_FIELDS = new Set(['register', 'login', '__typename']);

// Through the supergraph with the request's own context, so it asks the user subgraph (owner of
// the users table) the same way in both topologies.
const VIEWER_ACCOUNT = 'query ViewerAccount { viewer { id } }';

/**
 * A token outlives its account: before a mutation runs as a viewer, the viewer's account must
 * still exist, or the write would leave rows (a video, a like) pointing at nobody. The video and
 * other subgraphs cannot check it themselves: they may not read the users table.
 */
export function refuseDeletedAccounts(
  server: () => ApolloServer<GatewayContext>,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation' || !contextValue.viewer) return;
          if (onlySessionFields(operation)) return;
          const response = await server().executeOperation<{ viewer: { id: string } | null }>(
            { query: VIEWER_ACCOUNT },
            { contextValue },
          );
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!result?.data || result.errors) {
            contextValue.log.warn({ errors: result?.errors }, 'could not check the account');
            throw asRequestError(
              appError('UNAVAILABLE', 'Could not check your account; try again'),
            );
          }
          if (!result.data.viewer) {
            throw asRequestError(
              appError('UNAUTHENTICATED', 'The account of this token no longer exists'),
            );
          }
        },
      };
    },
  };
}

function onlySessionFields(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && SESSION_FIELDS.has(selection.name.value),
  );
}
