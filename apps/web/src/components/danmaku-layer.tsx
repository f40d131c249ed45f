import { useApolloClient, useMutation, useSubscription } from '@apollo/client/react';
import { type FormEvent, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useRequireLogin, useSession } from '../auth';
import { readableError } from '../errors';
import type { DanmakuWindowQuery as DanmakuWindow } from '../generated/graphql';
import {
  DanmakuAddedSubscription,
  DanmakuWindowQuery,
  SendDanmakuMutation,
} from '../graphql/operations';
import { usePollUnlessLive } from '../live';

type Danmaku = NonNullable<DanmakuWindow['video']>['danmaku'][number];
interface Flying {
  key: string;
  content: string;
  lane: number;
  mine: boolean;
}

const windowMs = 60_000; // one Video.danmaku query per minute of timeline
const lanes = 6;
const refetchEveryMs = 5000; // while danmaku cannot arrive live

/**
 * Danmaku flying over the playing video at their moment on its timeline, loaded a minute at a
 * time; others' new danmaku fly the moment they arrive (live), and one's own as it is sent.
 */
export function DanmakuLayer(props: {
  videoId: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  active: boolean;
  duration: number;
}) {
  const { videoId, videoRef, active, duration } = props;
  const client = useApolloClient();
  const session = useSession();
  const windows = useRef(new Map<number, Danmaku[]>());
  const shown = useRef(new Set<string>());
  // where the playhead was at the last timeupdate; -1 so a danmaku at 0 ms flies too
  const lastMs = useRef(-1);
  const nextLane = useRef(0);
  const [flying, setFlying] = useState<Flying[]>([]);
  const [composing, setComposing] = useState(false);

  const fly = useCallback((danmaku: Pick<Danmaku, 'id' | 'content'>, mine = false) => {
    if (shown.current.has(danmaku.id)) return;
    shown.current.add(danmaku.id);
    const lane = nextLane.current++ % lanes;
    setFlying((list) => [...list, { key: danmaku.id, content: danmaku.content, lane, mine }]);
  }, []);

  const loadWindow = useCallback(
    async (index: number, force = false) => {
      if (!force && windows.current.has(index)) return;
      windows.current.set(index, windows.current.get(index) ?? []);
      const fromMs = index * windowMs;
      const result = await client
        .query({
          query: DanmakuWindowQuery,
          variables: { videoId, fromMs, toMs: fromMs + windowMs },
          fetchPolicy: 'network-only',
        })
        .catch(() => null);
      const list = result?.data?.video?.danmaku;
      if (list) windows.current.set(index, [...list]);
    },
    [client, videoId],
  );

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !active) return;
    const onTime = () => {
      const nowMs = video.currentTime * 1000;
      // looped or sought back: what passed may fly again
      if (nowMs < lastMs.current) {
        shown.current.clear();
        lastMs.current = -1;
      }
      const index = Math.floor(nowMs / windowMs);
      void loadWindow(index);
      for (const danmaku of windows.current.get(index) ?? []) {
        if (danmaku.atMs > lastMs.current && danmaku.atMs <= nowMs) fly(danmaku);
      }
      lastMs.current = nowMs;
    };
    void loadWindow(0);
    video.addEventListener('timeupdate', onTime);
    return () => video.removeEventListener('timeupdate', onTime);
  }, [active, videoRef, loadWindow, fly]);

  const subscription = useSubscription(DanmakuAddedSubscription, {
    variables: { videoId },
    skip: !active,
    onData: ({ data: event }) => {
      const danmaku = event.data?.danmakuAdded;
      if (!danmaku) return;
      const index = Math.floor(danmaku.atMs / windowMs);
      windows.current.set(index, [...(windows.current.get(index) ?? []), danmaku]);
      if (danmaku.author.id !== session?.userId) fly(danmaku);
    },
  });
  const poll = useCallback(() => {
    const video = videoRef.current;
    if (video) void loadWindow(Math.floor((video.currentTime * 1000) / windowMs), true);
  }, [videoRef, loadWindow]);
  usePollUnlessLive(Boolean(subscription.error), poll, refetchEveryMs, active);

  return (
    <>
      <div className="danmaku-layer" data-testid="danmaku-layer" aria-hidden>
        {flying.map((item) => (
          <span
            key={item.key}
            className={`danmaku${item.mine ? ' mine' : ''}`}
            data-testid="danmaku"
            style={{ top: `${8 + item.lane * 7}%` }}
            onAnimationEnd={() => setFlying((list) => list.filter(({ key }) => key !== item.key))}
          >
            {item.content}
          </span>
        ))}
      </div>
      {composing ? (
        <DanmakuForm
          videoId={videoId}
          atMs={() =>
            Math.min(Math.round((videoRef.current?.currentTime ?? 0) * 1000), duration * 1000)
          }
          onSent={(danmaku) => {
            fly(danmaku, true);
            setComposing(false);
          }}
          onCancel={() => setComposing(false)}
        />
      ) : (
        <button
          type="button"
          className="danmaku-toggle"
          data-testid="danmaku-button"
          onClick={() => setComposing(true)}
        >
          Danmaku
        </button>
      )}
    </>
  );
}

function DanmakuForm(props: {
  videoId: string;
  atMs: () => number;
  onSent: (danmaku: Danmaku) => void;
  onCancel: () => void;
}) {
  const requireLogin = useRequireLogin();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [send, { loading }] = useMutation(SendDanmakuMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!requireLogin() || !content.trim()) return;
    try {
      const result = await send({
        variables: { videoId: props.videoId, content, atMs: Math.floor(props.atMs()) },
      });
      if (result.data) props.onSent(result.data.sendDanmaku);
    } catch (caught) {
      setError(readableError(caught).message);
    }
  };
  return (
    <form className="danmaku-form" onSubmit={(event) => void submit(event)}>
      <input
        autoFocus
        data-testid="danmaku-input"
        placeholder="Say something over the video…"
        maxLength={100}
        value={content}
        onChange={(event) => setContent(event.target.value)}
      />
      <button type="submit" className="primary" disabled={loading || !content.trim()}>
        Send
      </button>
      <button type="button" className="icon-button" aria-label="Cancel" onClick={props.onCancel}>
        ✕
      </button>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
