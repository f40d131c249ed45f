import {
  cacheKeys,
  appError,
  type Connection,
  decodeCursor,
  inTransaction,
  pageSize,
  requireViewer,
  type Viewer,
} from '@reel/common';
import {
  commentForUpdate,
  deleteComment as deleteCommentRow,
  insertComment,
  moveCommentCount,
} from '../db/queries';
import type { CommentRow } from '../db/schema';
import type { VideoRef } from '../context';
import { writeCommentEvent } from '../events';
import { limits } from '../limits';
import type { InteractionLoaders } from '../loaders';
import { contentToStore } from './content';
import { requireVideo, requireVideoAuthor } from './video-authors';
import type { WriteDeps } from './writes';

export type CommentConnectionModel = Connection<CommentRow>;

/**
 * The viewer comments on a video; the comment, the video's comment_count and the `added` event
 * for live subscribers commit together. Masked words are stored starred; a blocked word refuses
 * the comment before anything is written.
 */
export async function addComment(
  deps: WriteDeps,
  viewer: Viewer | null,
  videoId: number,
  rawContent: string,
): Promise<CommentRow> {
  const author = requireViewer(viewer);
  const content = contentToStore(deps.words, rawContent, {
    noun: 'comment',
    maxChars: limits.commentMaxChars,
  });
  await requireVideo(deps, videoId);
  const added = await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      const comment = await insertComment(tx, {
        videoId,
        authorId: author.id,
        content,
        createdAt: new Date(),
      });
      await moveCommentCount(tx, videoId, 1);
      await writeCommentEvent(tx, deps.namespace, {
        kind: 'added',
        id: String(comment.id),
        videoId: String(videoId),
      });
      return comment;
    },
    { attempts: limits.writeAttempts },
  );
  deps.onEventWritten();
  await deps.bumpCache([cacheKeys.video(videoId)]);
  return added;
}

/**
 * Deletes a comment, as its author or the author of the video it is on; anyone else is
 * FORBIDDEN and the comment stays. The count moves, and the `deleted` event is written, only
 * when this call deleted the row.
 */
export async function deleteComment(
  deps: WriteDeps,
  viewer: Viewer | null,
  commentId: number,
): Promise<VideoRef> {
  const user = requireViewer(viewer);
  let deleted = false;
  const video = await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      const comment = await commentForUpdate(tx, commentId);
      if (!comment) throw appError('NOT_FOUND', 'No such comment', { field: 'id' });
      if (comment.authorId !== user.id) {
        const videoAuthorId = await requireVideoAuthor(tx, comment.videoId);
        if (videoAuthorId !== user.id)
          throw appError(
            'FORBIDDEN',
            "Only a comment's author or the video's author may delete it",
          );
      }
      if (await deleteCommentRow(tx, commentId)) {
        deleted = true;
        await moveCommentCount(tx, comment.videoId, -1);
        await writeCommentEvent(tx, deps.namespace, {
          kind: 'deleted',
          id: String(commentId),
          videoId: String(comment.videoId),
        });
      }
      return { id: comment.videoId };
    },
    { attempts: limits.writeAttempts },
  );
  deps.onEventWritten();
  if (deleted) await deps.bumpCache([cacheKeys.video(video.id)]);
  return video;
}

/** One video's comments, newest first: batched with every other video of the request. */
export function commentsOfVideo(
  commentsByVideo: InteractionLoaders['commentsByVideo'],
  videoId: number,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<CommentConnectionModel> {
  return commentsByVideo.load({
    parentId: videoId,
    first: pageSize(first, limits.commentsPage),
    after: decodeCursor(after),
  });
}
