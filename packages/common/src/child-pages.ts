import DataLoader from 'dataloader';
import {
  and,
  type Column,
  desc,
  eq,
  getTableColumns,
  getTableName,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { type Connection, type CursorPosition, toConnection } from './pagination';

/** One parent's page as a resolver asks for it, `first` already validated (see pageSize). */
export interface ChildPageKey {
  parentId: number;
  first: number;
  after: CursorPosition | null;
}

/** A newest-first list of children per parent, e.g. a user's videos. */
export interface NewestFirstChildren<TTable extends MySqlTable> {
  table: TTable;
  /** The parent key; index (parent, createdAt) so each parent's page is one short range scan. */
  parent: MySqlColumn;
  /** DATETIME(3): the order, newest first. */
  createdAt: MySqlColumn;
  /** Breaks createdAt ties (InnoDB appends the primary key to every secondary index). */
  id: MySqlColumn;
}

export interface ChildPagesOptions {
  /** Parents per statement: one UNION ALL branch each. */
  maxBatchSize?: number;
}

// Only execute is used; any schema's database will do.
type Executor = Pick<MySql2Database<Record<string, never>>, 'execute'>;

const PAGE_COLUMN = '_page';

/**
 * A per-request DataLoader for "the first N children of each parent": every parent of a tick in
 * one SQL statement, a flat `(SELECT … LIMIT n+1) UNION ALL (SELECT …)` with a branch per key.
 * Each branch is a bounded backward scan of the (parent, createdAt) index, so the statement reads
 * about N+1 rows per parent however many children they have (ROW_NUMBER() OVER (PARTITION BY
 * parent) would number every child of every parent first), and each key keeps its own `first`
 * and `after`. Keys are (parentId, first, after); duplicates share a branch.
 */
export function childPagesLoader<TTable extends MySqlTable>(
  db: Executor,
  list: NewestFirstChildren<TTable>,
  options: ChildPagesOptions = {},
): DataLoader<ChildPageKey, Connection<TTable['$inferSelect']>, string> {
  type Row = TTable['$inferSelect'];
  const { rowOf, positionOf, branch } = planOf(list);
  return new DataLoader(
    async (keys) => {
      // mysql2 answers a SELECT with [rows, fields]; drizzle types every raw result as a write's
      const [raw] = (await db.execute(sql.join(keys.map(branch), sql` union all `))) as unknown as [
        Record<string, unknown>[],
      ];
      const pages = keys.map((): Row[] => []);
      for (const rawRow of raw) pages[Number(rawRow[PAGE_COLUMN])]?.push(rowOf(rawRow));
      // UNION ALL promises no order across or within branches: restore the list's own
      return pages.map((rows, page) =>
        toConnection(rows.sort(newestFirst(positionOf)), keys[page]!.first, positionOf),
      );
    },
    {
      cacheKeyFn: (key) =>
        `${key.parentId}/${key.first}/${key.after ? `${key.after.ms}:${key.after.id}` : ''}`,
      maxBatchSize: options.maxBatchSize ?? 100,
    },
  );
}

interface ChildPagesPlan<TTable extends MySqlTable> {
  rowOf: (raw: Record<string, unknown>) => TTable['$inferSelect'];
  positionOf: (row: TTable['$inferSelect']) => CursorPosition;
  branch: (key: ChildPageKey, page: number) => SQL;
}

// by parent column (each list has its own): loaders are built per request, on every request,
// and most are never called, so what does not depend on the keys is built once per list
const plans = new WeakMap<MySqlColumn, ChildPagesPlan<MySqlTable>>();

function planOf<TTable extends MySqlTable>(
  list: NewestFirstChildren<TTable>,
): ChildPagesPlan<TTable> {
  const known = plans.get(list.parent);
  if (known) return known as unknown as ChildPagesPlan<TTable>;
  type Row = TTable['$inferSelect'];
  const columns = Object.entries(getTableColumns(list.table)) as [string, Column][];
  const keyOf = (column: MySqlColumn) => {
    const entry = columns.find(([, candidate]) => candidate === column);
    if (!entry) throw new Error(`column ${column.name} is not in ${getTableName(list.table)}`);
    return entry[0];
  };
  const createdAtKey = keyOf(list.createdAt);
  const idKey = keyOf(list.id);
  const selected = sql.join(
    columns.map(([, column]) => sql`${column}`),
    sql`, `,
  );
  const plan: ChildPagesPlan<TTable> = {
    rowOf: driverRowMapper(list.table),
    positionOf: (row: Row): CursorPosition => ({
      ms: (row[createdAtKey] as Date).getTime(),
      id: row[idKey] as number,
    }),
    branch: (key, page) => {
      const after = key.after ? afterPosition(list, key.after) : undefined;
      return sql`(select ${sql.raw(String(page))} as ${sql.identifier(PAGE_COLUMN)}, ${selected}
      from ${list.table}
      where ${and(eq(list.parent, key.parentId), after)}
      order by ${desc(list.createdAt)}, ${desc(list.id)}
      limit ${key.first + 1})`;
    },
  };
  plans.set(list.parent, plan as unknown as ChildPagesPlan<MySqlTable>);
  return plan;
}

/**
 * Maps rows of `table` as `db.execute` answers them (keyed by column name, driver values) to what
 * Drizzle's own selects answer: for raw statements such as a UNION ALL of per-key branches.
 */
export function driverRowMapper<TTable extends MySqlTable>(
  table: TTable,
): (raw: Record<string, unknown>) => TTable['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  return (raw) =>
    Object.fromEntries(
      columns.map(([key, column]) => {
        const value = raw[column.name];
        return [key, value === null ? null : column.mapFromDriverValue(value)];
      }),
    ) as TTable['$inferSelect'];
}

/** Rows after `position` in (createdAt DESC, id DESC) order. */
function afterPosition<TTable extends MySqlTable>(
  list: NewestFirstChildren<TTable>,
  position: CursorPosition,
): SQL | undefined {
  const at = new Date(position.ms);
  return or(lt(list.createdAt, at), and(eq(list.createdAt, at), lt(list.id, position.id)));
}

function newestFirst<TRow>(positionOf: (row: TRow) => CursorPosition) {
  return (a: TRow, b: TRow) => {
    const pa = positionOf(a);
    const pb = positionOf(b);
    return pb.ms - pa.ms || pb.id - pa.id;
  };
}
