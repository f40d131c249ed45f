import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRequireLogin, useSession, useSetSession } from '../auth';
import { FollowMutation, ProfileQuery, UnfollowMutation } from '../graphql/operations';

export function ProfileScreen() {
  const { id = '' } = useParams();
  const session = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const requireLogin = useRequireLogin();
  const [tab, setTab] = useState<'videos' | 'liked'>('videos');
  const { data, error } = useQuery(ProfileQuery, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [follow, followState] = useMutation(FollowMutation);
  const [unfollow, unfollowState] = useMutation(UnfollowMutation);

  if (error && !data) return <p className="empty">{error.message}</p>;
  if (!data) return <p className="empty">Loading…</p>;
  const user = data.user;
  if (!user) return <p className="empty">No such user.</p>;
  const self = session?.userId === user.id;
  const videos = (tab === 'videos' ? user.videos : user.likedVideos).edges.map(({ node }) => node);

  const toggleFollow = () => {
    if (!requireLogin()) return;
    const variables = { userId: user.id };
    if (user.isFollow) void unfollow({ variables });
    else void follow({ variables });
  };

  return (
    <div className="page profile" data-testid="profile">
      <div className="profile-banner" style={{ backgroundImage: `url(${user.backgroundImage})` }} />
      <div className="profile-head">
        <img className="avatar large" src={user.avatar} alt="" />
        <h1 data-testid="profile-name">{user.name}</h1>
        {user.signature && <p className="muted">{user.signature}</p>}
        <dl className="counts">
          <div>
            <dt>Following</dt>
            <dd data-testid="follow-count">{user.followCount}</dd>
          </div>
          <div>
            <dt>Followers</dt>
            <dd data-testid="follower-count">{user.followerCount}</dd>
          </div>
          <div>
            <dt>Likes</dt>
            <dd>{user.totalFavorited}</dd>
          </div>
          <div>
            <dt>Videos</dt>
            <dd>{user.workCount}</dd>
          </div>
        </dl>
        <div className="profile-buttons">
          {self ? (
            <button
              type="button"
              className="secondary"
              onClick={() => void setSession(null).then(() => navigate('/'))}
            >
              Log out
            </button>
          ) : (
            <>
              <button
                type="button"
                data-testid="follow-button"
                className={user.isFollow ? 'secondary' : 'primary'}
                disabled={followState.loading || unfollowState.loading}
                onClick={toggleFollow}
              >
                {user.isFollow ? 'Following' : 'Follow'}
              </button>
              <Link
                className="button secondary"
                to={`/chat/${user.id}`}
                data-testid="message-button"
                onClick={(event) => {
                  if (!requireLogin()) event.preventDefault();
                }}
              >
                Message
              </Link>
            </>
          )}
        </div>
      </div>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'videos'}
          className={tab === 'videos' ? 'tab active' : 'tab'}
          onClick={() => setTab('videos')}
        >
          Videos {user.workCount}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'liked'}
          className={tab === 'liked' ? 'tab active' : 'tab'}
          onClick={() => setTab('liked')}
        >
          Liked {user.favoriteCount}
        </button>
      </div>
      <ul className="grid">
        {videos.map((video) => (
          <li key={video.id}>
            <Link to={`/v/${video.id}`} className="grid-item" title={video.title}>
              <img src={video.thumbnailUrl} alt={video.title} loading="lazy" />
              <span className="grid-likes">♥ {video.favoriteCount}</span>
            </Link>
          </li>
        ))}
      </ul>
      {videos.length === 0 && <p className="empty">Nothing here yet.</p>}
    </div>
  );
}
