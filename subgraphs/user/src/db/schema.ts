import { bigint, datetime, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

export const users = mysqlTable('users', {
  id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
  // unique under utf8mb4_unicode_ci: "Alice" and "alice" are one name
  username: varchar('username', { length: 32 }).notNull().unique('users_username_unique'),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  // null means the default image (a URL built from the public base URL at read time)
  avatar: varchar('avatar', { length: 1024 }),
  backgroundImage: varchar('background_image', { length: 1024 }),
  signature: varchar('signature', { length: 255 }).notNull().default(''),
  createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
});

export type UserRow = typeof users.$inferSelect;
/** A user as others see them: every read but login's leaves the password hash in the table. */
export type UserProfileRow = Omit<UserRow, 'passwordHash'>;
export const schema = { users };
