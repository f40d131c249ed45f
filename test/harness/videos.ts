import { recordVideoAuthor } from '@reel/interaction-subgraph/domain/video-authors';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { videos } from '@reel/video-subgraph/db/schema';
import type { Stack } from './stack';

/**
 * A video row at a chosen instant (no media pipeline), known to the interaction subgraph's
 * video→author projection as the `video.created` consumer will record it. Until that consumer
 * exists, this stands in for the event.
 */
export async function seedVideo(
  stack: Stack,
  authorId: number | string,
  title: string,
  createdAt: Date,
): Promise<string> {
  const [result] = await stack.subgraphs.video.mysql.db
    .insert(videos)
    .values(fakeVideoRow(Number(authorId), title, createdAt));
  await recordVideoAuthor(stack.subgraphs.interaction.mysql.db, {
    videoId: result.insertId,
    authorId: Number(authorId),
  });
  return String(result.insertId);
}
