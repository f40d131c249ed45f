import DataLoader from 'dataloader';
import { childPagesLoader, inKeyOrder } from '@reel/common';
import { type VideoDb, videosByIds, workCountsByAuthors } from './db/queries';
import { type VideoRow, videos } from './db/schema';

/** Per request: the gateway sends every representation of a fetch node at once, duplicates included. */
export function createLoaders(db: VideoDb) {
  return {
    videoById: new DataLoader<number, VideoRow | null>(async (ids) =>
      inKeyOrder(ids, await videosByIds(db, ids), (row) => row.id),
    ),
    workCountByAuthor: new DataLoader<number, number>(async (authorIds) =>
      inKeyOrder(authorIds, await workCountsByAuthors(db, authorIds), (row) => row.authorId).map(
        (row) => row?.works ?? 0,
      ),
    ),
    // User.videos: the first page of every author in the request, one statement
    videosByAuthor: childPagesLoader(db, {
      table: videos,
      parent: videos.authorId,
      createdAt: videos.createdAt,
      id: videos.id,
    }),
  };
}

export type VideoLoaders = ReturnType<typeof createLoaders>;
