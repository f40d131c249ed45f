import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useRequireLogin, useSession } from '../auth';
import { readableError } from '../errors';
import type { CommentFieldsFragment } from '../generated/graphql';
import {
  AddCommentMutation,
  CommentAddedSubscription,
  CommentDeletedSubscription,
  CommentsQuery,
  DeleteCommentMutation,
} from '../graphql/operations';
import { usePollUnlessLive } from '../live';
import { useOnVisible } from './visibility';

const pageSize = 20;
const refetchEveryMs = 3000; // while comments cannot arrive live

/**
 * A video's comments, newest first: pages load as the list scrolls, and new or deleted comments
 * arrive live through commentAdded/commentDeleted — or, when the gateway refuses those, through a
 * refetch every few seconds while the panel is open.
 */
export function CommentsPanel({ videoId, onClose }: { videoId: string; onClose: () => void }) {
  const session = useSession();
  const client = useApolloClient();
  const { data, fetchMore } = useQuery(CommentsQuery, {
    variables: { videoId, first: pageSize },
    fetchPolicy: 'cache-and-network',
  });
  const [live, setLive] = useState<CommentFieldsFragment[]>([]);
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());

  const added = useSubscription(CommentAddedSubscription, {
    variables: { videoId },
    onData: ({ data: event, client }) => {
      const comment = event.data?.commentAdded;
      if (!comment) return;
      setLive((list) => (list.some(({ id }) => id === comment.id) ? list : [comment, ...list]));
      client.cache.modify({
        id: client.cache.identify({ __typename: 'Video', id: videoId }),
        fields: { commentCount: (count: number) => count + 1 },
      });
    },
  });
  const removed = useSubscription(CommentDeletedSubscription, {
    variables: { videoId },
    onData: ({ data: event }) => {
      const id = event.data?.commentDeleted;
      if (id) setDeleted((set) => new Set(set).add(id));
    },
  });
  // the newest page, outside the cache so pages already scrolled to stay; what is new joins `live`
  const poll = useCallback(() => {
    void client
      .query({
        query: CommentsQuery,
        variables: { videoId, first: pageSize },
        fetchPolicy: 'no-cache',
      })
      .then(({ data: page }) => {
        if (!page?.video) return;
        const { commentCount, comments } = page.video;
        setLive((list) => [...comments.edges.map(({ node }) => node), ...list]);
        client.cache.modify({
          id: client.cache.identify({ __typename: 'Video', id: videoId }),
          fields: { commentCount: () => commentCount },
        });
      })
      .catch(() => undefined);
  }, [client, videoId]);
  const isLive = usePollUnlessLive(Boolean(added.error ?? removed.error), poll, refetchEveryMs);

  const video = data?.video;
  // newest first, each once: live, polled and paged comments overlap
  const comments = useMemo(() => {
    const byId = new Map<string, CommentFieldsFragment>();
    for (const comment of [...live, ...(video?.comments.edges.map(({ node }) => node) ?? [])]) {
      if (!deleted.has(comment.id)) byId.set(comment.id, comment);
    }
    return [...byId.values()].sort(
      (x, y) => y.createdAtMs - x.createdAtMs || Number(y.id) - Number(x.id),
    );
  }, [live, video, deleted]);

  const pageInfo = video?.comments.pageInfo;
  const sentinel = useOnVisible<HTMLLIElement>(() => {
    if (pageInfo?.hasNextPage) void fetchMore({ variables: { after: pageInfo.endCursor } });
  });

  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <section
        className="sheet"
        data-testid="comments-panel"
        data-live={isLive ? 'true' : 'false'}
        onClick={(event) => event.stopPropagation()}
        aria-label="Comments"
      >
        <header className="sheet-header">
          <h2>{video ? `${video.commentCount} comments` : 'Comments'}</h2>
          <span
            className={`live-dot${isLive ? ' on' : ''}`}
            title={isLive ? 'Live' : 'Refreshing'}
          />
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <ul className="comment-list">
          {comments.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              mine={comment.author.id === session?.userId}
              onDeleted={() => setDeleted((set) => new Set(set).add(comment.id))}
            />
          ))}
          {video && comments.length === 0 && <li className="empty">No comments yet.</li>}
          <li ref={sentinel} aria-hidden className="sentinel" />
        </ul>
        <CommentForm
          videoId={videoId}
          onAdded={(comment) => setLive((list) => [comment, ...list])}
        />
      </section>
    </div>
  );
}

function CommentItem(props: {
  comment: CommentFieldsFragment;
  mine: boolean;
  onDeleted: () => void;
}) {
  const { comment, mine, onDeleted } = props;
  const [remove, { loading }] = useMutation(DeleteCommentMutation);
  return (
    <li className="comment" data-testid="comment-item">
      <Link to={`/u/${comment.author.id}`}>
        <img className="avatar small" src={comment.author.avatar} alt="" />
      </Link>
      <div className="comment-body">
        <span className="comment-author">{comment.author.name}</span>
        <p className="comment-content">{comment.content}</p>
        <time className="muted">{new Date(comment.createdAtMs).toLocaleString()}</time>
      </div>
      {mine && (
        <button
          type="button"
          className="link-button"
          disabled={loading}
          onClick={() => void remove({ variables: { id: comment.id } }).then(onDeleted)}
        >
          Delete
        </button>
      )}
    </li>
  );
}

function CommentForm(props: {
  videoId: string;
  onAdded: (comment: CommentFieldsFragment) => void;
}) {
  const requireLogin = useRequireLogin();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [add, { loading }] = useMutation(AddCommentMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!requireLogin() || !content.trim()) return;
    setError(null);
    try {
      const result = await add({ variables: { videoId: props.videoId, content } });
      if (result.data) props.onAdded(result.data.addComment);
      setContent('');
    } catch (caught) {
      setError(readableError(caught).message);
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <input
        data-testid="comment-input"
        placeholder="Add a comment…"
        maxLength={500}
        value={content}
        onChange={(event) => setContent(event.target.value)}
        onFocus={() => requireLogin()}
      />
      <button type="submit" className="primary" disabled={loading || !content.trim()}>
        Send
      </button>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
