import {
  bigint,
  datetime,
  index,
  mysqlTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';

/**
 * A service's outbox: events written in the transaction that causes them (writeEvent) and relayed
 * to JetStream by startOutboxRelay. The columns and the `<name>_pending` index are what committed
 * migrations create (video_outbox was the first): change them only with a migration everywhere.
 */
export function outboxTable<TName extends string>(name: TName) {
  return mysqlTable(
    name,
    {
      id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
      // fully namespaced, e.g. `reel.video.created`
      subject: varchar('subject', { length: 128 }).notNull(),
      payload: text('payload').notNull(),
      createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
      publishedAt: datetime('published_at', { mode: 'date', fsp: 3 }),
    },
    (table) => [index(`${name}_pending`).on(table.publishedAt, table.id)],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable<string>>;

/**
 * What a service's durable consumers have handled. The key (consumer, event_id) is written in the
 * handler's own transaction, so an event's effects commit at most once per consumer: a redelivery
 * finds the row and is acked as a no-op.
 */
export function processedEventsTable<TName extends string>(name: TName) {
  return mysqlTable(
    name,
    {
      consumer: varchar('consumer', { length: 64 }).notNull(),
      eventId: varchar('event_id', { length: 128 }).notNull(),
      processedAt: datetime('processed_at', { mode: 'date', fsp: 3 }).notNull(),
    },
    (table) => [primaryKey({ name: `${name}_key`, columns: [table.consumer, table.eventId] })],
  );
}

export type ProcessedEventsTable = ReturnType<typeof processedEventsTable<string>>;

/**
 * Any mysql2 Drizzle database or transaction, whatever its schema: the kit only reads and writes
 * its own tables through it.
 */
export type SqlClient = Pick<MySql2Database, 'select' | 'insert' | 'update'>;
