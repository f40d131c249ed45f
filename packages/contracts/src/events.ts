/**
 * Every event on NATS, in one place: its stream, its subject builder and its payload schema.
 * Publishers check payloads with the schema before writing them to their outbox; consumers and
 * the gateway's realtime edge parse with it. Builders take the namespace (packages/common nats.ts)
 * so test runs and deployments sharing a NATS never see each other's events.
 *
 * Changing a schema is a contract change: add optional fields, never remove or retype one that a
 * consumer may read, since events already in a stream keep their old shape.
 */
import type { StreamSpec } from '@reel/common/events/streams';
import { subject } from '@reel/common/nats';
import { z } from 'zod';

/** JetStream streams, inside no namespace; the events kit namespaces them (`<NS>_VIDEO`). */
export const streams = {
  video: { name: 'VIDEO', subjects: ['video.>'] },
  comment: { name: 'COMMENT', subjects: ['comment.>'] },
  danmaku: { name: 'DANMAKU', subjects: ['danmaku.>'] },
  chat: { name: 'CHAT', subjects: ['chat.>'] },
} as const satisfies Record<string, StreamSpec>;

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/; // BIGINT ids kept below 2^53 (ARCHITECTURE: IDs)

/** An id as events carry it: a decimal string, as GraphQL's ID. */
const id = z.string().regex(DECIMAL_ID, 'a decimal id');

/** An id placed in a subject: anything else could smuggle in `.`, `*` or `>`. */
function subjectId(value: string | number): string {
  const text = String(value);
  if (!DECIMAL_ID.test(text)) throw new Error(`not an id for a subject: "${text}"`);
  return text;
}

/** `video.created`: interaction keeps its video→author (and duration) projection from it. */
export const videoCreated = {
  stream: streams.video,
  subject: (namespace: string) => subject(namespace, 'video.created'),
  schema: z.object({
    id,
    authorId: id,
    createdAt: z.iso.datetime(),
    createdAtMs: z.number().int().nonnegative(),
    durationMs: z.number().int().nonnegative(),
  }),
};
export type VideoCreated = z.infer<typeof videoCreated.schema>;

/** `comment.video.<videoId>`: a comment added to or deleted from one video. */
export const videoComment = {
  stream: streams.comment,
  subject: (namespace: string, videoId: string | number) =>
    subject(namespace, `comment.video.${subjectId(videoId)}`),
  /** Every video's comments, for a durable consumer. */
  allSubjects: (namespace: string) => subject(namespace, 'comment.video.*'),
  schema: z.object({ kind: z.enum(['added', 'deleted']), id, videoId: id }),
};
export type VideoCommentEvent = z.infer<typeof videoComment.schema>;

/** `danmaku.video.<videoId>`: a bullet comment sent over one video. */
export const videoDanmaku = {
  stream: streams.danmaku,
  subject: (namespace: string, videoId: string | number) =>
    subject(namespace, `danmaku.video.${subjectId(videoId)}`),
  allSubjects: (namespace: string) => subject(namespace, 'danmaku.video.*'),
  schema: z.object({ id, videoId: id }),
};
export type VideoDanmakuEvent = z.infer<typeof videoDanmaku.schema>;

/**
 * `chat.<a>.<b>` with a < b numerically: one subject per conversation, whoever writes. The builder
 * orders the pair itself, so either participant's view of it names the same subject.
 */
export const chatMessage = {
  stream: streams.chat,
  subject: (namespace: string, userA: string | number, userB: string | number) => {
    const [a, b] = [subjectId(userA), subjectId(userB)];
    return subject(namespace, BigInt(a) <= BigInt(b) ? `chat.${a}.${b}` : `chat.${b}.${a}`);
  },
  allSubjects: (namespace: string) => subject(namespace, 'chat.*.*'),
  /**
   * Every conversation of one user, and no one else's: `chat.<user>.*` holds those with peers of
   * larger ids, `chat.*.<user>` those with smaller ones.
   */
  subjectsOfUser: (namespace: string, userId: string | number) => {
    const user = subjectId(userId);
    return [subject(namespace, `chat.${user}.*`), subject(namespace, `chat.*.${user}`)];
  },
  schema: z.object({ id, fromUserId: id, toUserId: id }),
};
export type ChatMessageEvent = z.infer<typeof chatMessage.schema>;
