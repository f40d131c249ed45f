import { limits } from '../limits';
import { userVideoListEndpoint } from './user-list';

/** The videos user_id published, newest first (the app's profile page). */
export const publishList = userVideoListEndpoint({
  path: '/douyin/publish/list/',
  name: 'Publish',
  field: 'videos',
  pageSize: limits.publishListPageVideos,
  max: limits.publishListMaxVideos,
});
