import type { VideoRow } from './schema';

/**
 * A video row written straight to the table, for tests that need many videos at chosen instants
 * (page walks, SQL budgets) and not the media pipeline. Its media keys point at nothing.
 */
export function fakeVideoRow(
  authorId: number,
  label: string,
  createdAt: Date,
): Omit<VideoRow, 'id'> {
  const slug = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return {
    authorId,
    title: label,
    playKey: `videos/00/${slug}.mp4`,
    coverKey: `covers/00/${slug}.jpg`,
    thumbnailKey: `thumbnails/00/${slug}.webp`,
    contentType: 'video/mp4',
    sizeBytes: 1,
    durationMs: 1000,
    width: 16,
    height: 16,
    createdAt,
  };
}
