import { type SQL, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

/**
 * One statement per database handle, built with Drizzle's `.prepare()` at its first use: its SQL
 * text and result mapping are made once, and each call only fills the placeholders (the hot reads
 * of the feed ran Drizzle's query builder on every DataLoader batch). Keyed by handle, so each
 * subgraph instance (tests start several in one process) prepares on its own pool. Statements go
 * through the handle's logger as any other (the tests' SQL counts), and through mysql2's `query`,
 * which fills the values in client-side: a server-side prepared statement per distinct IN-list
 * length would grow the server's statement cache without bound.
 */
export function preparedPerDb<TDb extends object, TStatement>(
  prepare: (db: TDb) => TStatement,
): (db: TDb) => TStatement {
  const statements = new WeakMap<TDb, TStatement>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}

/**
 * `column IN (…)` over the array the placeholder `name` is given: mysql2 spells an array value
 * as its comma-separated list. Never give it an empty array (`IN ()` is a syntax error).
 */
export function inPlaceholder(column: MySqlColumn, name: string): SQL {
  return sql`${column} in (${sql.placeholder(name)})`;
}
