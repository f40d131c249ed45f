import { limits } from '../limits';
import { userVideoListEndpoint } from './user-list';

/** The videos user_id likes, most recently liked first. */
export const favoriteList = userVideoListEndpoint({
  path: '/douyin/favorite/list/',
  name: 'Favorite',
  field: 'likedVideos',
  pageSize: limits.favoriteListPageVideos,
  max: limits.favoriteListMaxVideos,
});
