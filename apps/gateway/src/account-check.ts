import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Redis } from 'ioredis';
import {
  appError,
  asRequestError,
  cacheKeys,
  type Logger,
  RedisVersionStore,
  versionKeyOf,
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

/** The Redis key (under the namespace prefix) marking `userId`'s account as confirmed. */
export const liveAccountKey = (userId: number | string): string => `account-live:${userId}`;

/**
 * `ask`, with its "yes" remembered in Redis for every gateway process and worker: a mark holding
 * the account's version (the version key `account:<id>`, README "Caches and consistency") read
 * before asking. A check is one MGET of the version and the mark; equal, the account was
 * confirmed under the current version. The only way an account stops existing is its users row
 * being deleted (no API does it); whoever deletes it bumps `account:<id>`, so no mark matches
 * any more and the next mutation of that account, on any process, asks again and is refused. A
 * deletion landing while a check asks leaves a mark of the version before it, which never
 * matches. A deletion that forgot the bump is seen within limits.liveAccounts.markTtlSeconds.
 * "No" is never remembered. Redis unreachable: every check asks.
 *
 * Checks of one account missing at once in this process (a client's writes sent together) share
 * one ask when they read the same version: the ask started after that version was read, so it
 * sees every deletion whose bump had returned before any of them began.
 */
export function cachedAccountCheck(redis: Redis, ask: AskAccount, log: Logger): AskAccount {
  const versions = new RedisVersionStore(redis);
  const flights = new Map<string, Promise<boolean>>();
  return async (contextValue) => {
    const id = contextValue.viewer!.id;
    let version: string;
    try {
      const [current, mark] = await redis.mget(
        versionKeyOf(cacheKeys.account(id)),
        liveAccountKey(id),
      );
      if (current !== null && mark === current) return true;
      version = current ?? (await versions.current([cacheKeys.account(id)]))[0]!;
    } catch (error) {
      log.warn({ err: error }, 'live-account cache bypassed');
      return ask(contextValue);
    }
    const flightKey = `${id} ${version}`;
    const flight = flights.get(flightKey);
    if (flight) return flight;
    const asking = ask(contextValue).then((live) => {
      // not awaited: a mark that is not stored costs the next check an ask, nothing else
      if (live)
        redis
          .set(liveAccountKey(id), version, 'EX', limits.liveAccounts.markTtlSeconds)
          .catch((error: unknown) => log.warn({ err: error }, 'live-account mark not stored'));
      return live;
    });
    flights.set(flightKey, asking);
    void asking.then(
      () => flights.delete(flightKey),
      () => flights.delete(flightKey),
    );
    return asking;
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
