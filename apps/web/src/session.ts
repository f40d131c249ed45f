/**
 * The signed-in session: the bearer token and who it belongs to, kept in localStorage so a reload
 * stays signed in. A tiny store (subscribe/get) so Apollo's links read it without React.
 */
export interface Session {
  token: string;
  userId: string;
  name: string;
}

const storageKey = 'reel.session';
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = read();

export const sessionStore = {
  get: (): Session | null => current,
  set(next: Session | null): void {
    current = next;
    if (next) localStorage.setItem(storageKey, JSON.stringify(next));
    else localStorage.removeItem(storageKey);
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
