import { eq } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { inPlaceholder, preparedPerDb } from '@reel/common';
import { type schema, type UserProfileRow, users, type UserRow } from './schema';

export type UserDb = MySql2Database<typeof schema>;

/** Every column but password_hash: these rows are shown (feed authors), never checked. */
const profileColumns = {
  id: users.id,
  username: users.username,
  avatar: users.avatar,
  backgroundImage: users.backgroundImage,
  signature: users.signature,
  createdAt: users.createdAt,
};

// the feed's authors: a hot read, prepared once per handle (preparedPerDb)
const usersByIdsStatement = preparedPerDb((db: UserDb) =>
  db.select(profileColumns).from(users).where(inPlaceholder(users.id, 'ids')).prepare(),
);

export async function usersByIds(db: UserDb, ids: readonly number[]): Promise<UserProfileRow[]> {
  if (ids.length === 0) return [];
  return usersByIdsStatement(db).execute({ ids });
}

export async function userByUsername(db: UserDb, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function insertUser(
  db: UserDb,
  values: { username: string; passwordHash: string; createdAt: Date },
): Promise<UserRow> {
  const [result] = await db.insert(users).values(values);
  return { id: result.insertId, avatar: null, backgroundImage: null, signature: '', ...values };
}
