export const limits = {
  usernameMaxChars: 32, // characters (code points), per the /douyin contract
  passwordMinChars: 6, // the official test users' passwords are 7+ characters
  passwordMaxChars: 32,
  failedLoginsPerWindow: 10, // per username, then RATE_LIMITED until the window ends
  failedLoginWindowSeconds: 15 * 60,
} as const;

// argon2id at OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
export const passwordHashing = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
