import { drizzle } from 'drizzle-orm/mysql2';
import { bigint, datetime, index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { runEnv } from '@reel/testkit/run-env';
import { type ChildPageKey, childPagesLoader } from './child-pages';
import { connectMysql, type Mysql } from './mysql';
import { decodeCursor } from './pagination';

// A list whose timestamps repeat, unlike videos': the (createdAt, id) order has to break ties.
const children = mysqlTable(
  'child_pages_test',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    parentId: bigint('parent_id', { mode: 'number', unsigned: true }).notNull(),
    label: varchar('label', { length: 32 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (table) => [index('child_pages_parent_created').on(table.parentId, table.createdAt)],
);
type Child = typeof children.$inferSelect;
const list = {
  table: children,
  parent: children.parentId,
  createdAt: children.createdAt,
  id: children.id,
};

describe('childPagesLoader', () => {
  let mysql: Mysql<Record<string, never>>;
  const byParent = new Map<number, Child[]>(); // newest first, as the list orders them
  const base = Date.UTC(2020, 0, 1);

  beforeAll(async () => {
    mysql = connectMysql(runEnv().mysqlUrl, {});
    await mysql.pool.query(`CREATE TABLE child_pages_test (
      id bigint unsigned AUTO_INCREMENT PRIMARY KEY, parent_id bigint unsigned NOT NULL,
      label varchar(32) NOT NULL, created_at datetime(3) NOT NULL,
      INDEX child_pages_parent_created (parent_id, created_at))`);
    // parent p has p % 7 children, every other one sharing its millisecond with the next
    const rows = [];
    for (let parentId = 1; parentId <= 30; parentId += 1)
      for (let n = 0; n < parentId % 7; n += 1)
        rows.push({ parentId, label: `${parentId}.${n}`, createdAt: new Date(base + (n >> 1)) });
    await mysql.db.insert(children).values(rows);
    for (const row of await mysql.db.select().from(children)) {
      byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
    }
    for (const rows of byParent.values())
      rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  });
  afterAll(async () => {
    await mysql.pool.query('DROP TABLE IF EXISTS child_pages_test');
    await mysql.close();
  });

  const firstOf = (parentId: number, first: number) =>
    byParent.get(parentId)?.slice(0, first) ?? [];

  it('answers the first page of 30 parents with one SQL statement, in key order', async () => {
    const loader = childPagesLoader(mysql.db, list);
    const keys: ChildPageKey[] = Array.from({ length: 30 }, (_, i) => ({
      parentId: 30 - i,
      first: 3,
      after: null,
    }));
    mysql.queries.count = 0;
    const pages = await Promise.all(keys.map((key) => loader.load(key)));
    expect(mysql.queries.count).toBe(1);
    expect(pages.map((page) => page.edges.map((edge) => edge.node))).toEqual(
      keys.map((key) => firstOf(key.parentId, 3)),
    );
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual(
      keys.map((key) => (byParent.get(key.parentId)?.length ?? 0) > 3),
    );
  });

  it('walks every page of a parent whose children share milliseconds, missing and repeating none', async () => {
    const parentId = 6; // 6 children in 3 milliseconds
    const seen: Child[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await childPagesLoader(mysql.db, list).load({
        parentId,
        first: 1,
        after: decodeCursor(after),
      });
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(byParent.get(parentId));
  });

  it('keeps each key its own first and after, and sends duplicates once', async () => {
    const loader = childPagesLoader(mysql.db, list);
    const six = byParent.get(6)!;
    const second = { ms: six[1]!.createdAt.getTime(), id: six[1]!.id };
    mysql.queries.count = 0;
    const [whole, rest, again, none] = await Promise.all([
      loader.load({ parentId: 6, first: 10, after: null }),
      loader.load({ parentId: 6, first: 2, after: second }),
      loader.load({ parentId: 6, first: 10, after: null }),
      loader.load({ parentId: 7, first: 10, after: null }), // 7 % 7: no children
    ]);
    expect(mysql.queries.count).toBe(1);
    expect(whole!.edges.map((edge) => edge.node)).toEqual(six);
    expect(again).toBe(whole);
    expect(rest!.edges.map((edge) => edge.node)).toEqual(six.slice(2, 4));
    expect(rest!.pageInfo.hasNextPage).toBe(true);
    expect(none).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("reads each parent's page through the (parent, createdAt) index", async () => {
    const statements: { query: string; params: unknown[] }[] = [];
    const db = drizzle(mysql.pool, {
      mode: 'default',
      logger: { logQuery: (query, params) => statements.push({ query, params }) },
    });
    const six = byParent.get(6)!;
    const loader = childPagesLoader(db, list);
    await Promise.all([
      loader.load({ parentId: 5, first: 2, after: null }),
      loader.load({
        parentId: 6,
        first: 2,
        after: { ms: six[1]!.createdAt.getTime(), id: six[1]!.id },
      }),
    ]);
    expect(statements).toHaveLength(1);
    const [{ query, params }] = statements as [(typeof statements)[number]];
    const [plan] = await mysql.pool.query(`EXPLAIN ${query}`, params);
    type PlanRow = { table: string | null; key: string | null; type: string; Extra: string };
    const branches = (plan as PlanRow[]).filter((row) => row.table === 'child_pages_test');
    // ordered by the index itself: no filesort of a parent's children
    expect(
      branches.map(({ key, type, Extra }) => ({ key, type, sorts: /filesort/.test(Extra) })),
    ).toEqual([
      { key: 'child_pages_parent_created', type: 'ref', sorts: false },
      { key: 'child_pages_parent_created', type: 'range', sorts: false },
    ]);
  });
});
