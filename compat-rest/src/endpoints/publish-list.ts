import { douyinVideoFragment, type DouyinVideoFields, toDouyinVideo } from '../douyin-video';
import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { RestError } from '../rest-error';
import { userListRequest } from './user-list';

const document = /* GraphQL */ `
  query DouyinPublishList($id: ID!, $first: Int!, $after: String) {
    user(id: $id) {
      ...DouyinVideoPage
    }
  }

  query DouyinViewerPublishList($first: Int!, $after: String) {
    user: viewer {
      ...DouyinVideoPage
    }
  }

  fragment DouyinVideoPage on User {
    videos(first: $first, after: $after) {
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

interface PublishListData {
  user: { videos: ConnectionPage<{ node: DouyinVideoFields }> } | null;
}

export const publishList: Endpoint<PublishListData> = {
  method: 'GET',
  path: '/douyin/publish/list/',
  token: 'optional',
  document,
  request: userListRequest(
    { byId: 'DouyinPublishList', viewer: 'DouyinViewerPublishList' },
    limits.publishListPageVideos,
  ),
  paging: allPagesOf((data) => data.user?.videos, {
    pageSize: limits.publishListPageVideos,
    max: limits.publishListMaxVideos,
  }),
  respond: (data) => {
    if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
    return { video_list: data.user.videos.edges.map((edge) => toDouyinVideo(edge.node)) };
  },
  failureFields: { video_list: [] },
};
