import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { VideoCard } from '../components/video-card';
import { VideoQuery } from '../graphql/operations';

/** One video on its own, as a profile's grid opens it. */
export function VideoScreen() {
  const { id = '' } = useParams();
  const { data, error } = useQuery(VideoQuery, { variables: { id } });
  if (error) return <p className="empty">{error.message}</p>;
  if (!data) return <p className="empty">Loading…</p>;
  if (!data.video) return <p className="empty">This video does not exist.</p>;
  return (
    <div className="feed">
      <VideoCard video={data.video} />
    </div>
  );
}
