import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';

/** Counts the statements a service sends; only tests read it, to hold the N+1 budget. */
export class QueryCounter implements DrizzleLogger {
  count = 0;
  /** Statements this matches are not counted: tests leave out background work (outbox polls). */
  ignore: RegExp | null = null;
  logQuery(query: string): void {
    if (this.ignore?.test(query)) return;
    this.count += 1;
  }
}

export interface Mysql<TSchema extends Record<string, unknown>> {
  pool: mysql.Pool;
  db: MySql2Database<TSchema>;
  queries: QueryCounter;
  close(): Promise<void>;
}

export function connectMysql<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
): Mysql<TSchema> {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: 10,
    // DATETIME(3) values are UTC instants; never let the server's zone shift them.
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    enableKeepAlive: true,
  });
  const queries = new QueryCounter();
  const db = drizzle(pool, { schema, mode: 'default', logger: queries });
  return { pool, db, queries, close: () => pool.end() };
}

/** Creates the database named in the URL when missing (development and test runs). */
export async function ensureDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  parsed.pathname = '/';
  const connection = await mysql.createConnection({ uri: parsed.toString() });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** Applies one subgraph's committed drizzle-kit migrations; each subgraph keeps its own journal table. */
export async function migrateSubgraph(
  url: string,
  subgraph: string,
  migrationsFolder: string,
): Promise<void> {
  const { db, close } = connectMysql(url, {});
  try {
    await migrate(db, { migrationsFolder, migrationsTable: `__migrations_${subgraph}` });
  } finally {
    await close();
  }
}

export async function pingMysql(pool: mysql.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

function driverCode(error: unknown): unknown {
  const cause = error instanceof Error && 'cause' in error && error.cause ? error.cause : error;
  return typeof cause === 'object' && cause !== null
    ? (cause as { code?: unknown }).code
    : undefined;
}

/** MySQL duplicate-key error (ER_DUP_ENTRY), the signal of an idempotent repeat or a taken name. */
export function isDuplicateKey(error: unknown): boolean {
  return driverCode(error) === 'ER_DUP_ENTRY';
}

/** InnoDB rolled the transaction back to break a deadlock; running it again is the remedy. */
export function isDeadlock(error: unknown): boolean {
  return driverCode(error) === 'ER_LOCK_DEADLOCK';
}
