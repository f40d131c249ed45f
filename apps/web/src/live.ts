import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the realtime edge's socket is up. A view trusts a subscription only while the socket is
 * connected and the server has not refused it; otherwise it polls, so the app keeps working
 * before a subscription exists on the gateway and while the socket reconnects.
 */
type SocketState = 'connecting' | 'connected' | 'closed';
let socketState: SocketState = 'connecting';
const listeners = new Set<() => void>();

export function setSocketState(next: SocketState): void {
  socketState = next;
  for (const listener of listeners) listener();
}

export function useSocketState(): SocketState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => socketState,
  );
}

/** Calls `poll` every `intervalMs` while the subscription is not live (refused or no socket). */
export function usePollUnlessLive(
  subscriptionRefused: boolean,
  poll: () => void,
  intervalMs: number,
  enabled = true,
): boolean {
  const socket = useSocketState();
  const live = enabled && !subscriptionRefused && socket === 'connected';
  useEffect(() => {
    if (!enabled || live) return;
    const timer = setInterval(poll, intervalMs);
    return () => clearInterval(timer);
  }, [enabled, live, poll, intervalMs]);
  return live;
}
