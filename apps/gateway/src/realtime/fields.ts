import { appError, parseId, requireViewer, type Viewer } from '@reel/common';
import { chatMessage, videoComment, videoDanmaku } from '@reel/contracts';

/** What one event on a subject means to a subscription field. */
export type Delivery =
  /**
   * hydrate: run the field's lookup with this id and the subscriber's selection; with
   * `recipientId`, only for subscribers whose viewer is that user
   */
  | { lookup: string; recipientId?: number }
  /** deliver this value as the field's value, as is (a scalar: nothing to select) */
  | { value: unknown };

/**
 * A root field of `type Subscription` as the realtime edge serves it. Fields that watch the same
 * resource name the same subject, and so share one NATS subscription per gateway process.
 */
export interface SubscriptionField {
  /** Throws a coded error unless the viewer may watch that resource; asked on every subscribe. */
  authorize(viewer: Viewer | null, args: Readonly<Record<string, unknown>>): void;
  /**
   * The subjects of what these (coerced) arguments name, as this (authorized) viewer watches it:
   * one per resource, or a few wildcards that still match only the viewer's own resources (never
   * a global topic filtered per subscriber). Throws a coded error.
   */
  subjects(
    namespace: string,
    args: Readonly<Record<string, unknown>>,
    viewer: Viewer | null,
  ): string[];
  /** Reads an event's payload (JSON) with its contract; null: not for this field. Throws if invalid. */
  deliver(payload: unknown): Delivery | null;
  /** The Query field that answers one item by id; needed when `deliver` answers lookups. */
  lookup?: { field: string; argument: string };
  /**
   * Its lookups answer each viewer differently whatever the selection (Query.message is null
   * but for the message's parties): hydrated per viewer, never shared between viewers.
   */
  perViewer?: boolean;
}

const videoCommentsOf = (namespace: string, args: Readonly<Record<string, unknown>>) => [
  videoComment.subject(namespace, parseId(String(args.videoId), 'videoId')),
];

const videoDanmakuOf = (namespace: string, args: Readonly<Record<string, unknown>>) => [
  videoDanmaku.subject(namespace, parseId(String(args.videoId), 'videoId')),
];

/**
 * The viewer's conversations: with peerId, that one (`chat.<a>.<b>`, the viewer a party by
 * construction); without, every one of theirs. Subjects order the pair (a < b), so those are
 * `chat.<viewer>.*` (peers with larger ids) and `chat.*.<viewer>` (smaller ones).
 */
function viewerConversations(
  namespace: string,
  args: Readonly<Record<string, unknown>>,
  viewer: Viewer | null,
): string[] {
  const { id } = requireViewer(viewer);
  if (args.peerId == null) return chatMessage.subjectsOfUser(namespace, id);
  return [chatMessage.subject(namespace, id, parseId(String(args.peerId), 'peerId'))];
}

/** Comments and danmaku are public: anyone, anonymous included, may watch any video's. */
const anyone = () => undefined;

/** Every field of the supergraph's Subscription type the edge serves, by name. */
export const subscriptionFields: Readonly<Record<string, SubscriptionField>> = {
  commentAdded: {
    subjects: videoCommentsOf,
    authorize: anyone,
    deliver: (payload) => {
      const event = videoComment.schema.parse(payload);
      return event.kind === 'added' ? { lookup: event.id } : null;
    },
    lookup: { field: 'comment', argument: 'id' },
  },
  commentDeleted: {
    subjects: videoCommentsOf,
    authorize: anyone,
    deliver: (payload) => {
      const event = videoComment.schema.parse(payload);
      return event.kind === 'deleted' ? { value: event.id } : null;
    },
  },
  danmakuAdded: {
    subjects: videoDanmakuOf,
    authorize: anyone,
    deliver: (payload) => ({ lookup: videoDanmaku.schema.parse(payload).id }),
    lookup: { field: 'danmaku', argument: 'id' },
  },
  // incoming only: the sender's own messages are not echoed back (the client shows what it sent)
  messageReceived: {
    subjects: viewerConversations,
    authorize: (viewer, args) => {
      const { id } = requireViewer(viewer);
      if (args.peerId != null && parseId(String(args.peerId), 'peerId') === id)
        throw appError('BAD_USER_INPUT', 'You have no conversation with yourself', {
          field: 'peerId',
        });
    },
    deliver: (payload) => {
      const event = chatMessage.schema.parse(payload);
      return { lookup: event.id, recipientId: Number(event.toUserId) };
    },
    lookup: { field: 'message', argument: 'id' },
    perViewer: true,
  },
};
