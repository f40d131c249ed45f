import { cacheKeys } from '@reel/common';
import { recordVideoAuthor } from '@reel/interaction-subgraph/domain/video-authors';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { videos } from '@reel/video-subgraph/db/schema';
import type { Stack } from './stack';

/**
 * A video row at a chosen instant (no media pipeline), known to the interaction subgraph's
 * video→author projection as the `video.created` consumer records it. A row written straight to
 * the table has no event, so this stands in for one (else the first like of it would read
 * through to the gateway: video-projection.test.ts proves that path).
 * `durationMs` is the video's length (fakeVideoRow's when absent); null keeps it from the
 * projection, as in a row projected before durations were carried.
 */
export async function seedVideo(
  stack: Stack,
  authorId: number | string,
  title: string,
  createdAt: Date,
  options: { durationMs?: number | null } = {},
): Promise<string> {
  const row = fakeVideoRow(Number(authorId), title, createdAt);
  if (typeof options.durationMs === 'number') row.durationMs = options.durationMs;
  const [result] = await stack.subgraphs.video.mysql.db.insert(videos).values(row);
  await recordVideoAuthor(stack.subgraphs.interaction.mysql.db, {
    videoId: result.insertId,
    authorId: Number(authorId),
    durationMs: options.durationMs === null ? null : row.durationMs,
  });
  await stack.bumpCacheVersions([cacheKeys.feed, cacheKeys.user(authorId)]);
  return String(result.insertId);
}
