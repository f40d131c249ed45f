import DataLoader from 'dataloader';
import { inKeyOrder } from '@reel/common';
import { type UserDb, usersByIds } from './db/queries';

/** Per request: the gateway sends every representation of a fetch node at once, duplicates included. */
export function createLoaders(db: UserDb) {
  return {
    userById: new DataLoader<number, Awaited<ReturnType<typeof usersByIds>>[number] | null>(
      async (ids) => inKeyOrder(ids, await usersByIds(db, ids), (row) => row.id),
    ),
  };
}

export type UserLoaders = ReturnType<typeof createLoaders>;
