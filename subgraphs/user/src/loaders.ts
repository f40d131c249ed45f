import DataLoader from 'dataloader';
import { inKeyOrder, type VersionedBatchCache } from '@reel/common';
import { type UserDb, usersByIds } from './db/queries';
import type { UserProfileRow } from './db/schema';

/** Per request: the gateway sends every representation of a fetch node at once, duplicates included. */
export function createLoaders(db: UserDb, users: VersionedBatchCache<UserProfileRow>) {
  return {
    // through the per-process cache on user:<id> (app.ts): one MGET, the misses in one statement
    userById: new DataLoader<number, UserProfileRow | null>((ids) =>
      users.getMany(ids, async (missing) =>
        inKeyOrder(missing, await usersByIds(db, missing), (row) => row.id),
      ),
    ),
  };
}

export type UserLoaders = ReturnType<typeof createLoaders>;
