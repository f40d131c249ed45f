import { parseId, type Viewer } from '@reel/common';
import { videoComment, videoDanmaku } from '@reel/contracts';

/** What one event on a subject means to a subscription field. */
export type Delivery =
  /** hydrate: run the field's lookup with this id and the subscriber's selection */
  | { lookup: string }
  /** deliver this value as the field's value, as is (a scalar: nothing to select) */
  | { value: unknown };

/**
 * A root field of `type Subscription` as the realtime edge serves it. Fields that watch the same
 * resource name the same subject, and so share one NATS subscription per gateway process.
 */
export interface SubscriptionField {
  /** The subject of the one resource these (coerced) arguments name; throws a coded error. */
  subject(namespace: string, args: Readonly<Record<string, unknown>>): string;
  /** Throws a coded error unless the viewer may watch that resource; asked on every subscribe. */
  authorize(viewer: Viewer | null, args: Readonly<Record<string, unknown>>): void;
  /** Reads an event's payload (JSON) with its contract; null: not for this field. Throws if invalid. */
  deliver(payload: unknown): Delivery | null;
  /** The Query field that answers one item by id; needed when `deliver` answers lookups. */
  lookup?: { field: string; argument: string };
}

const videoCommentsOf = (namespace: string, args: Readonly<Record<string, unknown>>) =>
  videoComment.subject(namespace, parseId(String(args.videoId), 'videoId'));

const videoDanmakuOf = (namespace: string, args: Readonly<Record<string, unknown>>) =>
  videoDanmaku.subject(namespace, parseId(String(args.videoId), 'videoId'));

/** Comments and danmaku are public: anyone, anonymous included, may watch any video's. */
const anyone = () => undefined;

/** Every field of the supergraph's Subscription type the edge serves, by name. */
export const subscriptionFields: Readonly<Record<string, SubscriptionField>> = {
  commentAdded: {
    subject: videoCommentsOf,
    authorize: anyone,
    deliver: (payload) => {
      const event = videoComment.schema.parse(payload);
      return event.kind === 'added' ? { lookup: event.id } : null;
    },
    lookup: { field: 'comment', argument: 'id' },
  },
  commentDeleted: {
    subject: videoCommentsOf,
    authorize: anyone,
    deliver: (payload) => {
      const event = videoComment.schema.parse(payload);
      return event.kind === 'deleted' ? { value: event.id } : null;
    },
  },
  danmakuAdded: {
    subject: videoDanmakuOf,
    authorize: anyone,
    deliver: (payload) => ({ lookup: videoDanmaku.schema.parse(payload).id }),
    lookup: { field: 'danmaku', argument: 'id' },
  },
};
