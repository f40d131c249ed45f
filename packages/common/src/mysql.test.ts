import { sql } from 'drizzle-orm';
import { runEnv } from '@reel/testkit/run-env';
import { TcpProxy } from '@reel/testkit/tcp-proxy';
import { DependencyUnavailableError } from './errors';
import { connectMysql, type Mysql } from './mysql';

// short budgets, so each frozen case costs a fraction of a second
const timeouts = { acquireTimeoutMs: 300, queryTimeoutMs: 300 };

describe('MySQL statements under a deadline', () => {
  const direct = new URL(runEnv().mysqlUrl);
  const relay = new TcpProxy(direct.hostname, Number(direct.port || 3306));
  let mysql: Mysql<Record<string, never>>;

  beforeAll(async () => {
    await relay.start();
    const relayed = new URL(direct);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(relay.port);
    mysql = connectMysql(relayed.toString(), {}, timeouts);
    await mysql.db.execute(sql`select 1`); // one open, idle connection before the freeze
  });
  afterEach(() => relay.thaw());
  afterAll(async () => {
    await mysql.close();
    await relay.stop();
  });

  const unavailable = expect.objectContaining({
    name: 'DependencyUnavailableError',
    message: 'The database did not answer in time',
  });

  it('a statement the server never answers fails DependencyUnavailableError', async () => {
    relay.freeze();
    const failure = await mysql.db.execute(sql`select 1`).catch((error: Error) => error);
    // Drizzle wraps driver errors; the wrapper's error is its cause
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).cause).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).cause).toEqual(unavailable);
  });

  it('a transaction fails with the deadline, not with its ROLLBACK on the dead connection', async () => {
    await mysql.db.execute(sql`select 1`);
    relay.freeze();
    const failure = await mysql.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
      })
      .catch((error: Error) => error);
    expect((failure as Error).cause ?? failure).toEqual(unavailable);
  });

  it('answers again once the server does: connections that missed a deadline were replaced', async () => {
    relay.freeze();
    await mysql.db.execute(sql`select 1`).catch(() => undefined);
    relay.thaw();
    const [rows] = (await mysql.db.execute(sql`select 2 as two`)) as unknown as [{ two: number }[]];
    expect(rows).toEqual([{ two: 2 }]);
  });
});
