import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import {
  appError,
  asRequestError,
  cacheKeys,
  type Logger,
  VersionedCache,
  type VersionStore,
} from '@reel/common';
import type { GatewayContext } from './context';
import { limits } from './limits';

// Mutations that do not act as the viewer: a stale token must not stop anyone logging in again.
const SESSION_FIELDS = new Set(['register', 'login', '__typename']);

// Through the supergraph with the request's own context, so it asks the user subgraph (owner of
// the users table) the same way in both topologies.
const VIEWER_ACCOUNT = 'query ViewerAccount { viewer { id } }';

/** Whether the viewer's account exists, asked of the user subgraph (no cache). */
export type AskAccount = (contextValue: GatewayContext) => Promise<boolean>;

/** The uncached question: `viewer { id }` through the supergraph; UNAVAILABLE when unanswered. */
export function askThroughSupergraph(server: () => ApolloServer<GatewayContext>): AskAccount {
  return async (contextValue) => {
    const response = await server().executeOperation<{ viewer: { id: string } | null }>(
      { query: VIEWER_ACCOUNT },
      { contextValue },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result?.data || result.errors) {
      contextValue.log.warn({ errors: result?.errors }, 'could not check the account');
      throw asRequestError(appError('UNAVAILABLE', 'Could not check your account; try again'));
    }
    return result.data.viewer !== null;
  };
}

/**
 * The answers of `ask`, per process, while the account's version key (`account:<id>`) is
 * unchanged (README "Caches and consistency"): a write's check costs one MGET instead of an
 * operation through the supergraph. The only way an account stops existing is its users row being
 * deleted (no API does it); whoever deletes it bumps `account:<id>`, and every gateway process
 * refuses the account's next mutation. A deletion that forgot the bump is seen within
 * limits.liveAccounts.maxAgeMs. Redis down: every check asks (VersionedCache fails open to its
 * source).
 */
export function cachedAccountCheck(
  store: VersionStore,
  ask: AskAccount,
  log: Logger,
): { exists: AskAccount; cache: VersionedCache<boolean> } {
  const cache = new VersionedCache<boolean>(store, {
    ...limits.liveAccounts,
    log,
    name: 'account',
  });
  return {
    cache,
    exists: (contextValue) => {
      const id = contextValue.viewer!.id;
      return cache.get(String(id), [cacheKeys.account(id)], async () => ({
        value: await ask(contextValue),
        deps: [],
      }));
    },
  };
}

/**
 * A token outlives its account: before a mutation runs as a viewer, the viewer's account must
 * still exist, or the write would leave rows (a video, a like) pointing at nobody. The video and
 * other subgraphs cannot check it themselves: they may not read the users table.
 */
export function refuseDeletedAccounts(
  accountExists: AskAccount,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation' || !contextValue.viewer) return;
          if (onlySessionFields(operation)) return;
          if (!(await accountExists(contextValue))) {
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
