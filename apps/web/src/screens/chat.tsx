import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type FormEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRequireLogin, useSession } from '../auth';
import { readableError } from '../errors';
import type { MessageFieldsFragment } from '../generated/graphql';
import {
  ConversationQuery,
  MessageReceivedSubscription,
  SendMessageMutation,
} from '../graphql/operations';
import { usePollUnlessLive } from '../live';

const pageSize = 30;
const pollEveryMs = 2000; // while messages cannot arrive live

type Messages = ReadonlyMap<string, MessageFieldsFragment>;

function withMessages(messages: Messages, more: readonly MessageFieldsFragment[]): Messages {
  const next = new Map(messages);
  for (const message of more) next.set(message.id, message);
  return next;
}

/**
 * A conversation, oldest at the top: older history loads when scrolled to the top, new messages
 * arrive live through messageReceived(peerId) or, when the gateway refuses it, by polling for
 * what came after the newest one shown.
 */
export function ChatScreen() {
  const { peerId = '' } = useParams();
  const session = useSession();
  const requireLogin = useRequireLogin();
  const client = useApolloClient();
  useEffect(() => {
    requireLogin();
  }, [requireLogin]);

  const [messages, setMessages] = useState<Messages>(new Map());
  const [older, setOlder] = useState<{ after: string | null; hasMore: boolean }>({
    after: null,
    hasMore: false,
  });
  const { data } = useQuery(ConversationQuery, {
    variables: { peerId, first: pageSize },
    skip: !session,
    fetchPolicy: 'network-only',
  });
  useEffect(() => {
    if (!data) return;
    setMessages((current) =>
      withMessages(
        current,
        data.conversation.edges.map(({ node }) => node),
      ),
    );
    setOlder({
      after: data.conversation.pageInfo.endCursor ?? null,
      hasMore: data.conversation.pageInfo.hasNextPage,
    });
  }, [data]);

  const sorted = [...messages.values()].sort((a, b) => a.createdAtMs - b.createdAtMs);
  const newestMs = sorted.at(-1)?.createdAtMs;

  const incoming = useSubscription(MessageReceivedSubscription, {
    variables: { peerId },
    skip: !session,
    onData: ({ data: event }) => {
      const message = event.data?.messageReceived;
      if (message) setMessages((current) => withMessages(current, [message]));
    },
  });
  const poll = useCallback(() => {
    void client
      .query({
        query: ConversationQuery,
        variables: { peerId, first: 50, createdAfterMs: newestMs ?? 0 },
        fetchPolicy: 'no-cache',
      })
      .then(({ data: page }) => {
        if (page)
          setMessages((current) =>
            withMessages(
              current,
              page.conversation.edges.map(({ node }) => node),
            ),
          );
      })
      .catch(() => undefined);
  }, [client, peerId, newestMs]);
  const live = usePollUnlessLive(Boolean(incoming.error), poll, pollEveryMs, Boolean(session));

  const listRef = useRef<HTMLDivElement>(null);
  const loadingOlder = useRef(false);
  const loadOlder = async () => {
    if (!older.hasMore || !older.after || loadingOlder.current) return;
    loadingOlder.current = true;
    const list = listRef.current;
    const fromBottom = list ? list.scrollHeight - list.scrollTop : 0;
    try {
      const { data: page } = await client.query({
        query: ConversationQuery,
        variables: { peerId, first: pageSize, after: older.after },
        fetchPolicy: 'no-cache',
      });
      if (!page) return;
      setMessages((current) =>
        withMessages(
          current,
          page.conversation.edges.map(({ node }) => node),
        ),
      );
      setOlder({
        after: page.conversation.pageInfo.endCursor ?? null,
        hasMore: page.conversation.pageInfo.hasNextPage,
      });
      // keep the message in view where it was once older ones are inserted above it
      requestAnimationFrame(() => {
        if (list) list.scrollTop = list.scrollHeight - fromBottom;
      });
    } finally {
      loadingOlder.current = false;
    }
  };

  // follow the newest message while the reader is at the bottom
  const stickToBottom = useRef(true);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [newestMs]);

  if (!session) return null;
  const peer = data?.user;
  return (
    <div className="chat" data-testid="chat" data-live={live ? 'true' : 'false'}>
      <header className="chat-header">
        <Link to="/friends" className="icon-button" aria-label="Back">
          ‹
        </Link>
        {peer && <img className="avatar small" src={peer.avatar} alt="" />}
        <Link to={`/u/${peerId}`} className="chat-peer">
          {peer?.name ?? '…'}
        </Link>
        <span className={`live-dot${live ? ' on' : ''}`} title={live ? 'Live' : 'Refreshing'} />
      </header>
      <div
        className="chat-messages"
        ref={listRef}
        onScroll={(event) => {
          const list = event.currentTarget;
          stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
          if (list.scrollTop < 60) void loadOlder();
        }}
      >
        {older.hasMore && <p className="muted center">Scroll up for older messages</p>}
        {sorted.map((message) => (
          <p
            key={message.id}
            data-testid="chat-message"
            className={message.from.id === session.userId ? 'bubble mine' : 'bubble'}
          >
            {message.content}
          </p>
        ))}
        {data && sorted.length === 0 && <p className="empty">No messages yet.</p>}
      </div>
      <ChatForm
        peerId={peerId}
        onSent={(message) => {
          stickToBottom.current = true;
          setMessages((current) => withMessages(current, [message]));
        }}
      />
    </div>
  );
}

function ChatForm(props: { peerId: string; onSent: (message: MessageFieldsFragment) => void }) {
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [send, { loading }] = useMutation(SendMessageMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!content.trim()) return;
    setError(null);
    try {
      const result = await send({ variables: { toUserId: props.peerId, content } });
      if (result.data) props.onSent(result.data.sendMessage);
      setContent('');
    } catch (caught) {
      setError(readableError(caught).message);
    }
  };
  return (
    <form className="inline-form chat-form" onSubmit={(event) => void submit(event)}>
      <input
        data-testid="chat-input"
        placeholder="Message…"
        maxLength={1000}
        value={content}
        onChange={(event) => setContent(event.target.value)}
      />
      <button type="submit" className="primary" disabled={loading || !content.trim()}>
        Send
      </button>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
