import mysql from 'mysql2/promise';

/**
 * Creates tables from their Drizzle definitions with the DDL drizzle-kit would put in a migration,
 * for tests of packages/ kits (outbox, processed events) whose tables only subgraph migrations
 * otherwise create.
 */
export async function createTables(
  mysqlUrl: string,
  tables: Record<string, unknown>,
): Promise<void> {
  // loaded on demand: drizzle-kit is large and most tests never need it
  const { generateMySQLDrizzleJson, generateMySQLMigration } = await import('drizzle-kit/api');
  const statements = await generateMySQLMigration(
    await generateMySQLDrizzleJson({}),
    await generateMySQLDrizzleJson(tables),
  );
  const connection = await mysql.createConnection({ uri: mysqlUrl });
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}
