import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useRequireLogin } from '../auth';
import type { VideoFieldsFragment } from '../generated/graphql';
import { LikeVideoMutation, UnlikeVideoMutation } from '../graphql/operations';
import { CommentsPanel } from './comments-panel';
import { DanmakuLayer } from './danmaku-layer';
import { CommentIcon, HeartIcon, SoundIcon } from './icons';
import { useInView } from './visibility';

/**
 * One full-height video: plays muted while most of it is on screen (the browser streams it from
 * /media with Range requests), with danmaku over it, a like button and the comments panel.
 */
export function VideoCard({ video }: { video: VideoFieldsFragment }) {
  const [cardRef, inView] = useInView<HTMLElement>(0.6);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);

  useEffect(() => {
    const element = videoRef.current;
    if (!element) return;
    if (inView && !paused) {
      // autoplay of a muted video is allowed; a refusal (unmuted, no gesture) just stays paused
      element.play().catch(() => setPaused(true));
    } else {
      element.pause();
    }
  }, [inView, paused]);

  return (
    <article
      ref={cardRef}
      className="video-card"
      data-testid="video-card"
      data-video-id={video.id}
      data-playing={inView && !paused ? 'true' : 'false'}
    >
      <video
        ref={videoRef}
        className="video"
        src={video.playUrl}
        poster={video.coverUrl}
        muted={muted}
        loop
        playsInline
        preload={inView ? 'auto' : 'metadata'}
        onClick={() => setPaused((value) => !value)}
      />
      {paused && <div className="paused-badge">▶</div>}
      <DanmakuLayer
        videoId={video.id}
        videoRef={videoRef}
        active={inView}
        duration={video.duration}
      />
      <div className="video-actions">
        <Link to={`/u/${video.author.id}`} className="avatar-link" aria-label={video.author.name}>
          <img className="avatar" src={video.author.avatar} alt="" />
        </Link>
        <LikeButton video={video} />
        <button
          type="button"
          className="action"
          data-testid="comments-button"
          onClick={() => setCommentsOpen(true)}
        >
          <CommentIcon />
          <span data-testid="comment-count">{video.commentCount}</span>
        </button>
        <button
          type="button"
          className="action"
          aria-label={muted ? 'Unmute' : 'Mute'}
          onClick={() => setMuted((value) => !value)}
        >
          <SoundIcon muted={muted} />
        </button>
      </div>
      <div className="video-info">
        <Link to={`/u/${video.author.id}`} className="video-author">
          @{video.author.name}
        </Link>
        <p className="video-title" data-testid="video-title">
          {video.title}
        </p>
      </div>
      {commentsOpen && <CommentsPanel videoId={video.id} onClose={() => setCommentsOpen(false)} />}
    </article>
  );
}

function LikeButton({ video }: { video: VideoFieldsFragment }) {
  const requireLogin = useRequireLogin();
  const [like] = useMutation(LikeVideoMutation);
  const [unlike] = useMutation(UnlikeVideoMutation);
  const toggle = () => {
    if (!requireLogin()) return;
    const liked = !video.isFavorite;
    const variables = { videoId: video.id };
    const optimistic = {
      __typename: 'Video' as const,
      id: video.id,
      isFavorite: liked,
      favoriteCount: video.favoriteCount + (liked ? 1 : -1),
    };
    // the count moves at once; the server's answer (or its refusal) settles it
    if (liked) void like({ variables, optimisticResponse: { likeVideo: optimistic } });
    else void unlike({ variables, optimisticResponse: { unlikeVideo: optimistic } });
  };
  return (
    <button
      type="button"
      className={`action${video.isFavorite ? ' liked' : ''}`}
      data-testid="like-button"
      aria-pressed={video.isFavorite}
      onClick={toggle}
    >
      <HeartIcon filled={video.isFavorite} />
      <span data-testid="like-count">{video.favoriteCount}</span>
    </button>
  );
}
