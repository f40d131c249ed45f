import { douyinVideoFragment, type DouyinVideoFields, toDouyinVideo } from '../douyin-video';
import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { RestError } from '../rest-error';
import { userListRequest } from './user-list';

const document = /* GraphQL */ `
  query DouyinFavoriteList($id: ID!, $first: Int!, $after: String) {
    user(id: $id) {
      ...DouyinLikedVideoPage
    }
  }

  query DouyinViewerFavoriteList($first: Int!, $after: String) {
    user: viewer {
      ...DouyinLikedVideoPage
    }
  }

  fragment DouyinLikedVideoPage on User {
    likedVideos(first: $first, after: $after) {
      edges {
        node {
          ...DouyinVideo
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }

  ${douyinVideoFragment}
`;

interface FavoriteListData {
  user: { likedVideos: ConnectionPage<{ node: DouyinVideoFields }> } | null;
}

/** The videos user_id likes, most recently liked first. */
export const favoriteList: Endpoint<FavoriteListData> = {
  method: 'GET',
  path: '/douyin/favorite/list/',
  token: 'optional',
  document,
  request: userListRequest(
    { byId: 'DouyinFavoriteList', viewer: 'DouyinViewerFavoriteList' },
    limits.favoriteListPageVideos,
  ),
  paging: allPagesOf((data) => data.user?.likedVideos, {
    pageSize: limits.favoriteListPageVideos,
    max: limits.favoriteListMaxVideos,
  }),
  respond: (data) => {
    if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
    return { video_list: data.user.likedVideos.edges.map((edge) => toDouyinVideo(edge.node)) };
  },
  failureFields: { video_list: [] },
};
