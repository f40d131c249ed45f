import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { z } from 'zod';
import type { StreamSpec } from '../streams';
import { processedEventsTable } from '../tables';

/*
 * The tables, stream and payload of the events kit's own tests, shared by the test files and the
 * consumer process they start (consumer-process.ts).
 */

export const processed = processedEventsTable('kit_processed');
/** What the test handlers write: one row per event, in the consumer's transaction. */
export const effects = mysqlTable('kit_effects', {
  eventId: varchar('event_id', { length: 128 }).primaryKey(),
  note: varchar('note', { length: 64 }).notNull(),
});
export const kitSchema = { processed, effects };
export const kitStream: StreamSpec = { name: 'KIT', subjects: ['kit.>'] };
export const kitPayload = z.object({ note: z.string() });
export type KitPayload = z.infer<typeof kitPayload>;
