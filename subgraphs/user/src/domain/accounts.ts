import argon2 from 'argon2';
import type { Redis } from 'ioredis';
import {
  appError,
  type CacheBump,
  cacheKeys,
  type Config,
  isDuplicateKey,
  issueToken,
} from '@reel/common';
import { insertUser, type UserDb, userByUsername } from '../db/queries';
import type { UserRow } from '../db/schema';
import { limits, passwordHashing } from '../limits';
import { addressKey, countAttempt, type Counter, rateLimited } from './attempts';

export interface AccountDeps {
  db: UserDb;
  redis: Redis;
  auth: Config['auth'];
  bumpCache: CacheBump;
}

export interface Session {
  token: string;
  expiresIn: number;
  user: UserRow;
}

const CONTROL_CHARS = /[\p{Cc}\p{Cf}]/u;
// a JSON "\ud800" parses to a lone surrogate: not text, and MySQL would store it as U+FFFD
const LONE_SURROGATE = /\p{Cs}/u;
const charCount = (value: string) => [...value].length;

export function validateCredentials(username: string, password: string): void {
  const nameLength = charCount(username);
  if (nameLength === 0)
    throw appError('BAD_USER_INPUT', 'username must not be empty', { field: 'username' });
  if (nameLength > limits.usernameMaxChars) {
    throw appError(
      'BAD_USER_INPUT',
      `username must be at most ${limits.usernameMaxChars} characters`,
      { field: 'username' },
    );
  }
  if (LONE_SURROGATE.test(username)) {
    throw appError('BAD_USER_INPUT', 'username must be valid Unicode text', { field: 'username' });
  }
  if (username.trim() !== username || CONTROL_CHARS.test(username)) {
    throw appError(
      'BAD_USER_INPUT',
      'username must not start or end with spaces or contain control characters',
      { field: 'username' },
    );
  }
  if (!isPasswordLength(password)) {
    throw appError(
      'BAD_USER_INPUT',
      `password must be ${limits.passwordMinChars} to ${limits.passwordMaxChars} characters`,
      { field: 'password' },
    );
  }
  if (LONE_SURROGATE.test(password)) {
    throw appError('BAD_USER_INPUT', 'password must be valid Unicode text', { field: 'password' });
  }
}

function isPasswordLength(password: string): boolean {
  const length = charCount(password);
  return length >= limits.passwordMinChars && length <= limits.passwordMaxChars;
}

/** Every call counts, valid or not, before any work: the limit bounds argon2 work too. */
export async function register(
  deps: AccountDeps,
  username: string,
  password: string,
  clientIp: string | null,
): Promise<Session> {
  const [perAddress] = await countAttempt(deps.redis, [
    {
      key: `registrations:addr:${addressKey(clientIp)}`,
      windowSeconds: limits.registrationAddressWindowSeconds,
    },
  ]);
  if (perAddress!.attempts > limits.registrationsPerAddressPerWindow) {
    throw rateLimited('Too many registrations from this address; try again later', perAddress!);
  }
  validateCredentials(username, password);
  const passwordHash = await argon2.hash(password, { type: argon2.argon2id, ...passwordHashing });
  try {
    const user = await insertUser(deps.db, { username, passwordHash, createdAt: new Date() });
    // a read of this id before it existed may be cached as "no such user" (loaders.ts)
    await deps.bumpCache([cacheKeys.user(user.id)]);
    return await sessionFor(deps, user);
  } catch (error) {
    if (isDuplicateKey(error))
      throw appError('CONFLICT', 'User already exists', { field: 'username' });
    throw error;
  }
}

// Hashed once at start-up so an unknown username costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Attempts are counted before the password is checked, twice: per account and client address
 * (keyed by account, so every spelling the collation folds into one name shares a count; reset
 * by a success), so a guesser elsewhere never locks the owner out; and per address across all
 * accounts, never reset (an attacker's own account must not buy more guesses).
 */
export async function login(
  deps: AccountDeps,
  username: string,
  password: string,
  clientIp: string | null,
): Promise<Session> {
  const user =
    charCount(username) <= limits.usernameMaxChars
      ? await userByUsername(deps.db, username)
      : undefined;
  const address = addressKey(clientIp);
  const failures: Counter = {
    key: user
      ? `login-failures:user:${user.id}:addr:${address}`
      : `login-failures:name:${username.trim().toLowerCase()}:addr:${address}`,
    windowSeconds: limits.failedLoginWindowSeconds,
  };
  const [perAccount, perAddress] = await countAttempt(deps.redis, [
    failures,
    { key: `logins:addr:${address}`, windowSeconds: limits.loginAddressWindowSeconds },
  ]);
  if (perAddress!.attempts > limits.loginsPerAddressPerWindow) {
    throw rateLimited('Too many logins from this address; try again later', perAddress!);
  }
  if (perAccount!.attempts > limits.failedLoginsPerWindow) {
    throw rateLimited('Too many failed logins for this user; try again later', perAccount!);
  }
  decoyHash ??= argon2.hash('decoy-password', { type: argon2.argon2id, ...passwordHashing });
  // no stored password has another length (register refuses it): no hash work to decide that
  const matches =
    isPasswordLength(password) &&
    (await argon2.verify(user?.passwordHash ?? (await decoyHash), password)) &&
    user !== undefined;
  if (!matches) throw appError('UNAUTHENTICATED', 'Wrong username or password');
  await deps.redis.del(failures.key);
  return sessionFor(deps, user);
}

async function sessionFor(deps: AccountDeps, user: UserRow): Promise<Session> {
  return { token: await issueToken(deps.auth, user.id), expiresIn: deps.auth.ttlSeconds, user };
}
