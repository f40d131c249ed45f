import { useApolloClient } from '@apollo/client/react';
import { useCallback, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { type Session, sessionStore } from './session';

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/**
 * For actions that need an account: answers true when signed in, otherwise opens the login
 * screen (which comes back here afterwards) and answers false.
 */
export function useRequireLogin(): () => boolean {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(() => {
    if (session) return true;
    const next = location.pathname + location.search;
    navigate(`/login?next=${encodeURIComponent(next)}`);
    return false;
  }, [session, navigate, location]);
}

/** Signs in or out; every cached viewer-dependent field (isFavorite, isFollow) is refetched. */
export function useSetSession(): (next: Session | null) => Promise<void> {
  const client = useApolloClient();
  return useCallback(
    async (next) => {
      sessionStore.set(next);
      await client.resetStore();
    },
    [client],
  );
}
