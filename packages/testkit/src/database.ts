import mysql from 'mysql2/promise';
import { migrateAll } from './services';
import { runEnv } from './run-env';

/**
 * A database of its own for a test that must see nobody else's rows (an outbox drained by its
 * own relay only). Same server and migrations as the run's database; dropped by `drop()`.
 */
export async function isolatedDatabase(
  suffix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]{1,16}$/.test(suffix)) throw new Error(`bad database suffix "${suffix}"`);
  const url = new URL(runEnv().mysqlUrl);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  url.pathname = `/${name}`;
  await migrateAll(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const server = new URL(url);
      server.pathname = '/';
      const connection = await mysql.createConnection({ uri: server.toString() });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
