import argon2 from 'argon2';
import type { Redis } from 'ioredis';
import { appError, type Config, isDuplicateKey, issueToken } from '@reel/common';
import { insertUser, type UserDb, userByUsername } from '../db/queries';
import type { UserRow } from '../db/schema';
import { limits, passwordHashing } from '../limits';

export interface AccountDeps {
  db: UserDb;
  redis: Redis;
  auth: Config['auth'];
}

export interface Session {
  token: string;
  expiresIn: number;
  user: UserRow;
}

const CONTROL_CHARS = /[\p{Cc}\p{Cf}]/u;
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
  if (username.trim() !== username || CONTROL_CHARS.test(username)) {
    throw appError(
      'BAD_USER_INPUT',
      'username must not start or end with spaces or contain control characters',
      { field: 'username' },
    );
  }
  const passwordLength = charCount(password);
  if (passwordLength < limits.passwordMinChars || passwordLength > limits.passwordMaxChars) {
    throw appError(
      'BAD_USER_INPUT',
      `password must be ${limits.passwordMinChars} to ${limits.passwordMaxChars} characters`,
      { field: 'password' },
    );
  }
}

export async function register(
  deps: AccountDeps,
  username: string,
  password: string,
): Promise<Session> {
  validateCredentials(username, password);
  const passwordHash = await argon2.hash(password, { type: argon2.argon2id, ...passwordHashing });
  try {
    const user = await insertUser(deps.db, { username, passwordHash, createdAt: new Date() });
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
 * Attempts are counted before the password is checked (INCR is atomic, so parallel guesses all
 * count) and keyed by account, so every spelling the collation folds into one name shares a count.
 */
async function countLoginAttempt(redis: Redis, key: string): Promise<number> {
  const [[, attempts]] = (await redis
    .multi()
    .incr(key)
    .expire(key, limits.failedLoginWindowSeconds, 'NX')
    .exec()) as [[null, number]];
  return attempts;
}

export async function login(
  deps: AccountDeps,
  username: string,
  password: string,
): Promise<Session> {
  const user =
    charCount(username) <= limits.usernameMaxChars
      ? await userByUsername(deps.db, username)
      : undefined;
  const attemptsKey = user
    ? `login-attempts:user:${user.id}`
    : `login-attempts:name:${username.trim().toLowerCase()}`;
  if ((await countLoginAttempt(deps.redis, attemptsKey)) > limits.failedLoginsPerWindow) {
    throw appError('RATE_LIMITED', 'Too many failed logins for this user; try again later');
  }
  decoyHash ??= argon2.hash('decoy-password', { type: argon2.argon2id, ...passwordHashing });
  const matches =
    (await argon2.verify(user?.passwordHash ?? (await decoyHash), password)) && user !== undefined;
  if (!matches) throw appError('UNAUTHENTICATED', 'Wrong username or password');
  await deps.redis.del(attemptsKey);
  return sessionFor(deps, user);
}

async function sessionFor(deps: AccountDeps, user: UserRow): Promise<Session> {
  return { token: await issueToken(deps.auth, user.id), expiresIn: deps.auth.ttlSeconds, user };
}
