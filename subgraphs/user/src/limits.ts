export const limits = {
  usernameMaxChars: 32, // characters (code points), per the /douyin contract
  passwordMinChars: 6, // the official test users' passwords are 7+ characters
  passwordMaxChars: 32,
  // per account AND client address: a guesser elsewhere cannot lock the owner out
  failedLoginsPerWindow: 10, // then RATE_LIMITED for that account from that address
  failedLoginWindowSeconds: 15 * 60,
  // per client address (an IPv6 /64), every login counted, across all accounts: one address
  // cannot spread guesses over many accounts. Generous: phones share carrier NAT addresses.
  loginsPerAddressPerWindow: 100,
  loginAddressWindowSeconds: 15 * 60,
  // per client address, every register call counted, valid or not
  registrationsPerAddressPerWindow: 100,
  registrationAddressWindowSeconds: 60 * 60,
  // users rows kept per process (loaders.ts, README "Caches and consistency"), a few hundred bytes
  // each; reloaded at maxAgeMs even if its version still matches (the bound on a lost bump)
  usersCache: { maxEntries: 50_000, maxAgeMs: 60_000 }, // rows; ms
} as const;

// argon2id at OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
export const passwordHashing = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
