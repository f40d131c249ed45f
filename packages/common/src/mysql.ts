import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { DependencyUnavailableError, isError } from './errors';
import { dependencyLimits } from './limits';
import type { Logger } from './logger';
import { countOperationStatement } from './metrics';
import { inSpan, SpanKind, tracingEnabled } from './tracing';

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
  /** The pool with every statement under the time budgets of limits.ts (see `guardPool`). */
  pool: mysql.Pool;
  db: MySql2Database<TSchema>;
  /**
   * The same pool, not counted in `queries`: for background work (outbox relays, durable
   * consumers), whose polling is no request's SQL and would blur the per-request counts.
   */
  background: MySql2Database<TSchema>;
  queries: QueryCounter;
  close(): Promise<void>;
}

export interface MysqlTimeouts {
  acquireTimeoutMs: number;
  queryTimeoutMs: number;
}

export function connectMysql<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  timeouts: MysqlTimeouts = dependencyLimits.mysql,
): Mysql<TSchema> {
  const raw = mysql.createPool({
    uri: url,
    connectionLimit: dependencyLimits.mysql.connectionLimit,
    connectTimeout: dependencyLimits.mysql.connectTimeoutMs,
    // DATETIME(3) values are UTC instants; never let the server's zone shift them.
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    enableKeepAlive: true,
    // mysql2 captures a stack (new Error) on every query for long traces by default; a failed
    // statement is logged with its SQL and the request id, which is what we read
    trace: false,
  });
  const pool = guardPool(raw, timeouts);
  const queries = new QueryCounter();
  const db = drizzle(pool, { schema, mode: 'default', logger: queries });
  const background = drizzle(pool, { schema, mode: 'default' });
  return { pool, db, background, queries, close: () => raw.end() };
}

const DATABASE_TOO_SLOW = 'The database did not answer in time';
const DATABASE_UNREACHABLE = 'The database is unreachable';

type Send = (...args: unknown[]) => Promise<unknown>;

/**
 * The pool Drizzle is given: every statement, on the pool or on a connection taken for a
 * transaction, gets a connection within `acquireTimeoutMs` and an answer within
 * `queryTimeoutMs`, or fails with DependencyUnavailableError (UNAVAILABLE). mysql2's own
 * per-query `timeout` is not enough: it leaves the connection busy with the unanswered command,
 * and statements queued behind it on that connection never start their timers. Here a
 * connection that misses a deadline is destroyed (the server rolls back what it held; the pool
 * opens a fresh one), and whatever else is sent on it (Drizzle's ROLLBACK) fails at once.
 */
function guardPool(pool: mysql.Pool, timeouts: MysqlTimeouts): mysql.Pool {
  const acquire = async (): Promise<mysql.PoolConnection> => {
    const pending = pool.getConnection();
    try {
      return await deadline(pending, timeouts.acquireTimeoutMs, 'no pool connection');
    } catch (error) {
      // a connection that arrives after the deadline goes back to the pool unused
      pending.then((late) => late.release()).catch(() => undefined);
      throw asUnavailable(error);
    }
  };
  const guardConnection = (connection: mysql.PoolConnection) => {
    let destroyed = false;
    const statement = async (send: Send, args: unknown[]) => {
      if (destroyed) throw new DependencyUnavailableError(DATABASE_TOO_SLOW);
      countOperationStatement();
      try {
        const answer = () =>
          deadline(send.apply(connection, args), timeouts.queryTimeoutMs, 'no answer');
        return await (tracingEnabled() ? inSqlSpan(args[0], answer) : answer());
      } catch (error) {
        if (error instanceof DeadlineError) {
          destroyed = true;
          connection.destroy();
        }
        throw asUnavailable(error);
      }
    };
    return new Proxy(connection, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        return property === 'query' || property === 'execute'
          ? (...args: unknown[]) => statement(value as Send, args)
          : value;
      },
    });
  };
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'getConnection') return async () => guardConnection(await acquire());
      if (property !== 'query' && property !== 'execute')
        return Reflect.get(target, property, receiver) as unknown;
      return async (...args: unknown[]) => {
        const connection = guardConnection(await acquire());
        try {
          return await (connection[property] as Send)(...args);
        } finally {
          // a no-op for a connection destroyed at its deadline
          connection.release();
        }
      };
    },
  });
}

const SQL_TEXT_MAX_CHARS = 2000; // of a statement kept on its span (its values are `?`s)

/** A client span around one statement: `mysql SELECT`, with its text (placeholders, no values). */
function inSqlSpan<T>(query: unknown, answer: () => Promise<T>): Promise<T> {
  const text =
    typeof query === 'string' ? query : String((query as { sql?: unknown } | null)?.sql ?? '');
  const verb = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  return inSpan(
    `mysql ${verb}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'mysql', 'db.query.text': text.slice(0, SQL_TEXT_MAX_CHARS) },
    },
    answer,
  );
}

class DeadlineError extends Error {}

function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineError(`MySQL: ${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Missed deadlines and dead connections as DependencyUnavailableError; SQL errors unchanged. */
function asUnavailable(error: unknown): unknown {
  if (error instanceof DeadlineError)
    return new DependencyUnavailableError(DATABASE_TOO_SLOW, { cause: error });
  // mysql2 marks the errors that leave a connection unusable (network, protocol) as fatal
  if (isError(error) && (error as { fatal?: unknown }).fatal === true) {
    const timedOut = (error as { code?: unknown }).code === 'ETIMEDOUT';
    return new DependencyUnavailableError(timedOut ? DATABASE_TOO_SLOW : DATABASE_UNREACHABLE, {
      cause: error,
    });
  }
  return error;
}
/** Creates the database named in the URL when missing (development and test runs). */
export async function ensureDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  parsed.pathname = '/';
  const connection = await mysql.createConnection({
    uri: parsed.toString(),
    connectTimeout: dependencyLimits.mysql.connectTimeoutMs,
  });
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
  const { db, close } = connectMysql(
    url,
    {},
    {
      acquireTimeoutMs: dependencyLimits.mysql.acquireTimeoutMs,
      queryTimeoutMs: dependencyLimits.mysql.migrationQueryTimeoutMs,
    },
  );
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

/** What `inTransaction` needs of a database: Drizzle's `transaction`. */
export interface Transactional<TTx> {
  transaction<T>(work: (tx: TTx) => Promise<T>): Promise<T>;
}

export interface TransactionRetries {
  /** How many times the transaction may run in all, the first included. */
  attempts: number;
  /**
   * Also run it again when a concurrent write took the unique value this one chose (a
   * millisecond of its own, claimed from the newest row): the next attempt chooses anew.
   */
  retryDuplicates?: boolean;
}

/**
 * Transactions `inTransaction` ran again in this process, by cause, and the deadlocks it gave up
 * on (thrown to the caller): what a test of concurrent writes reads, and a metric's source.
 */
export const transactionRetries = { deadlocks: 0, duplicates: 0, deadlocksGivenUp: 0 };

/**
 * One transaction, run again when InnoDB rolls it back to break a deadlock (concurrent writes
 * upserting the same counters rows, or taking the same gap lock), so no deadlock reaches a
 * client; with `retryDuplicates`, also when it lost a unique value to a concurrent write. The
 * last attempt's error is thrown as is, as is any other error at once.
 */
export async function inTransaction<TTx, T>(
  db: Transactional<TTx>,
  log: Logger,
  work: (tx: TTx) => Promise<T>,
  { attempts, retryDuplicates = false }: TransactionRetries,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const deadlock = isDeadlock(error);
      const retryable = deadlock || (retryDuplicates && isDuplicateKey(error));
      if (!retryable || attempt >= attempts) {
        if (deadlock) transactionRetries.deadlocksGivenUp += 1;
        throw error;
      }
      if (deadlock) transactionRetries.deadlocks += 1;
      else transactionRetries.duplicates += 1;
      log.warn({ attempt }, 'write conflict: running the transaction again');
    }
  }
}
