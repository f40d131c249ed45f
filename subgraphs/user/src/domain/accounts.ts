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

export async function login(
  deps: AccountDeps,
  username: string,
  password: string,
): Promise<Session> {
  const failuresKey = `login-failures:${username.toLowerCase()}`;
  const failures = Number(await deps.redis.get(failuresKey));
  if (failures >= limits.failedLoginsPerWindow) {
    throw appError('RATE_LIMITED', 'Too many failed logins for this user; try again later');
  }
  const user =
    charCount(username) <= limits.usernameMaxChars
      ? await userByUsername(deps.db, username)
      : undefined;
  decoyHash ??= argon2.hash('decoy-password', { type: argon2.argon2id, ...passwordHashing });
  const hash = user?.passwordHash ?? (await decoyHash);
  const matches = (await argon2.verify(hash, password)) && user !== undefined;
  if (!matches) {
    await deps.redis
      .multi()
      .incr(failuresKey)
      .expire(failuresKey, limits.failedLoginWindowSeconds)
      .exec();
    throw appError('UNAUTHENTICATED', 'Wrong username or password');
  }
  if (failures > 0) await deps.redis.del(failuresKey);
  return sessionFor(deps, user);
}

async function sessionFor(deps: AccountDeps, user: UserRow): Promise<Session> {
  return { token: await issueToken(deps.auth, user.id), expiresIn: deps.auth.ttlSeconds, user };
}
