export const limits = {
  messageMaxChars: 1000, // characters (code points), after trimming
  followsPage: { default: 10, max: 50 }, // users per User.following / User.followers page
  friendsPage: { default: 10, max: 50 }, // users per User.friends page
  conversationPage: { default: 20, max: 50 }, // messages per Query.conversation page
  // one `user(id)` query to the gateway, to learn whether a user exists; then UNAVAILABLE
  userLookupTimeoutMs: 2_000,
  // a write InnoDB rolled back to break a deadlock (or that lost a conversation's millisecond
  // to a concurrent message) runs again, up to this many attempts in all
  writeAttempts: 5,
  // known_users ids kept per process (domain/users.ts KnownUserIds), tens of bytes each
  knownUserIds: 200_000,
  // follow_counters rows kept per process (loaders.ts, README "Caches and consistency"), about
  // 100 bytes each; an entry is reloaded at maxAgeMs even if its version still matches (the
  // bound on a lost bump)
  countersCache: { maxEntries: 50_000, maxAgeMs: 60_000 }, // rows; ms
} as const;
