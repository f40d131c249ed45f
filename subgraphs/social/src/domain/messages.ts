import {
  appError,
  type Connection,
  decodeCursor,
  inTransaction,
  pageSize,
  requireViewer,
  toConnection,
  type Viewer,
  writeEvent,
} from '@reel/common';
import { chatMessage } from '@reel/contracts';
import type { WordFilter } from '@reel/moderation';
import {
  conversationRows,
  insertMessage,
  lastMessageAtForUpdate,
  type SocialDb,
} from '../db/queries';
import { type MessageRow, socialOutbox } from '../db/schema';
import { limits } from '../limits';
import { requireUser, type UserLookupDeps } from './users';
import type { WriteDeps } from './writes';

export type MessageConnectionModel = Connection<MessageRow>;

export interface MessageDeps extends WriteDeps, UserLookupDeps {
  /** The sensitive-word filter every message goes through. */
  words: WordFilter;
  /** Prefix of the chat subjects (config.namespace). */
  namespace: string;
  /** Tells the outbox relay an event is waiting. */
  onEventWritten: () => void;
}

const MAX_MS = 8.64e15; // the largest epoch ms a JS Date holds

/**
 * What a message stores of the text typed: trimmed, 1–limits.messageMaxChars characters (code
 * points, as utf8mb4 columns count), masked words starred; BAD_USER_INPUT on `content` otherwise,
 * and for a text holding a blocked word (naming no word).
 */
export function contentToStore(words: WordFilter, content: string): string {
  const trimmed = content.trim();
  const chars = [...trimmed].length;
  if (chars === 0)
    throw appError('BAD_USER_INPUT', 'A message must not be empty', { field: 'content' });
  if (chars > limits.messageMaxChars)
    throw appError(
      'BAD_USER_INPUT',
      `A message must be at most ${limits.messageMaxChars} characters`,
      { field: 'content' },
    );
  // masking keeps the length in code points: the limit checked above still holds
  return words.textToStore(trimmed, 'content');
}

/**
 * The viewer sends a message; no friendship is needed (douyin-api.md §3.15). The message and its
 * chat.<a>.<b> event are written in one transaction. A message to oneself is refused: the douyin
 * polling rule (§5.3, only the peer's messages after pre_msg_time) would echo it back to its
 * sender, the duplicate §5.2 warns about, and the app offers no such conversation.
 *
 * Within a conversation each message gets a millisecond of its own, later than the one before,
 * while holding the lock of the conversation's newest message: messages commit in timestamp
 * order, so a client polling for "newer than the newest I have" never misses one.
 */
export async function sendMessage(
  deps: MessageDeps,
  viewer: Viewer | null,
  toUserId: number,
  rawContent: string,
  requestId: string,
): Promise<MessageRow> {
  const sender = requireViewer(viewer);
  if (toUserId === sender.id)
    throw appError('BAD_USER_INPUT', 'You cannot send a message to yourself', {
      field: 'toUserId',
    });
  const content = contentToStore(deps.words, rawContent);
  await requireUser(deps, toUserId, { field: 'toUserId', requestId });
  const message = await inTransaction(
    deps.db,
    deps.log,
    async (tx) => {
      const last = await lastMessageAtForUpdate(tx, sender.id, toUserId);
      const createdAt = new Date(Math.max(Date.now(), (last?.getTime() ?? 0) + 1));
      const row = await insertMessage(tx, { fromUserId: sender.id, toUserId, content, createdAt });
      await writeEvent(tx, socialOutbox, {
        subject: chatMessage.subject(deps.namespace, sender.id, toUserId),
        payload: chatMessage.schema.parse({
          id: String(row.id),
          fromUserId: String(sender.id),
          toUserId: String(toUserId),
        }),
        createdAt,
      });
      return row;
    },
    { attempts: limits.writeAttempts, retryDuplicates: true },
  );
  deps.onEventWritten();
  return message;
}

/** The message if the viewer is its sender or its recipient; null for anyone else. */
export function visibleTo(viewer: Viewer | null, message: MessageRow | null): MessageRow | null {
  if (!viewer || !message) return null;
  return message.fromUserId === viewer.id || message.toUserId === viewer.id ? message : null;
}

/** The viewer's conversation with a peer, newest first, optionally only after an instant. */
export async function conversation(
  db: SocialDb,
  viewer: Viewer | null,
  peerId: number,
  args: { first?: number | null; after?: string | null; createdAfterMs?: number | null },
): Promise<MessageConnectionModel> {
  const user = requireViewer(viewer);
  const first = pageSize(args.first, limits.conversationPage);
  const after = decodeCursor(args.after);
  const createdAfter = instantOf(args.createdAfterMs);
  const rows = await conversationRows(db, { userId: user.id, peerId, first, after, createdAfter });
  return toConnection(rows, first, (row) => ({ ms: row.createdAt.getTime(), id: row.id }));
}

// strictly after a fractional ms is at or after the next whole one: floor keeps `>` exact
function instantOf(ms: number | null | undefined): Date | null {
  if (ms === null || ms === undefined) return null;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS)
    throw appError('BAD_USER_INPUT', 'createdAfterMs must be an epoch millisecond ≥ 0', {
      field: 'createdAfterMs',
    });
  return new Date(Math.floor(ms));
}
