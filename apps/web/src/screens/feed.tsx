import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { VideoCard } from '../components/video-card';
import { useOnVisible } from '../components/visibility';
import { FeedQuery } from '../graphql/operations';

const pageSize = 5;

/** The vertical feed: one full-height video per screen, the next page loaded near the end. */
export function FeedScreen() {
  const { data, loading, error, fetchMore } = useQuery(FeedQuery, {
    variables: { first: pageSize },
    // back on Home, what was published meanwhile shows (the first page replaces the list)
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const feed = data?.feed;
  const loadMore = useCallback(() => {
    if (!feed?.pageInfo.hasNextPage || loading) return;
    void fetchMore({ variables: { after: feed.pageInfo.endCursor } });
  }, [feed, loading, fetchMore]);
  const sentinel = useOnVisible<HTMLDivElement>(loadMore);

  if (error && !feed) return <p className="empty">The feed could not load: {error.message}</p>;
  if (!feed) return <p className="empty">Loading…</p>;
  if (feed.edges.length === 0) return <p className="empty">No videos yet. Be the first!</p>;
  return (
    <div className="feed" data-testid="feed">
      {feed.edges.map(({ node }) => (
        <VideoCard key={node.id} video={node} />
      ))}
      <div ref={sentinel} className="feed-sentinel" aria-hidden />
    </div>
  );
}
