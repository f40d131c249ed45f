import { useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect } from 'react';
import { Link } from 'react-router';
import { useRequireLogin, useSession } from '../auth';
import { FriendsQuery, MessageReceivedSubscription } from '../graphql/operations';
import { usePollUnlessLive } from '../live';

const refetchEveryMs = 5000; // while messages cannot arrive live

/** Mutual follows, each with the newest message either way. */
export function FriendsScreen() {
  const session = useSession();
  const requireLogin = useRequireLogin();
  useEffect(() => {
    requireLogin();
  }, [requireLogin]);
  const { data, refetch, error } = useQuery(FriendsQuery, {
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const incoming = useSubscription(MessageReceivedSubscription, {
    variables: {},
    skip: !session,
    onData: () => void refetch(),
  });
  const poll = useCallback(() => void refetch(), [refetch]);
  usePollUnlessLive(Boolean(incoming.error), poll, refetchEveryMs, Boolean(session));

  if (!session) return null;
  if (error && !data) return <p className="empty">{error.message}</p>;
  const friends = data?.viewer?.friends.edges ?? [];
  return (
    <div className="page">
      <h1>Friends</h1>
      {data && friends.length === 0 && (
        <p className="empty">Friends are people you follow who follow you back.</p>
      )}
      <ul className="friend-list" data-testid="friend-list">
        {friends.map(({ node, lastMessage, lastMessageDirection }) => (
          <li key={node.id}>
            <Link to={`/chat/${node.id}`} className="friend" data-testid="friend-item">
              <img className="avatar" src={node.avatar} alt="" />
              <span className="friend-text">
                <span className="friend-name">{node.name}</span>
                <span className="muted friend-last">
                  {lastMessage
                    ? `${lastMessageDirection === 'SENT' ? 'You: ' : ''}${lastMessage.content}`
                    : 'Say hi 👋'}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
