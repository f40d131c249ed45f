import { douyinVideoFragment, type DouyinVideoFields, toDouyinVideo } from '../douyin-video';
import type { Endpoint, GraphqlRequest, Paging } from '../endpoint';
import { limits } from '../limits';
import { idParam, type Params } from '../params';
import { RestError } from '../rest-error';

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

interface VideoPage {
  edges: { node: DouyinVideoFields }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface PublishListData {
  user: { videos: VideoPage } | null;
}

// Without a usable user_id, a token means "my videos"; a guest must name the user.
function publishListRequest(params: Params): GraphqlRequest {
  const variables = { first: limits.publishListPageVideos, after: null };
  const id = idParam(params.get('user_id'));
  if (id !== undefined) {
    return { operationName: 'DouyinPublishList', variables: { ...variables, id: String(id) } };
  }
  if (params.get('token')) return { operationName: 'DouyinViewerPublishList', variables };
  throw new RestError('BAD_USER_INPUT', 'user_id is missing or not a valid user id');
}

const listedIn = (pages: readonly PublishListData[]) =>
  pages.reduce((count, page) => count + (page.user?.videos.edges.length ?? 0), 0);

// douyin's list has no paging of its own: follow the gateway's pages up to the documented cap.
const videoPages: Paging<PublishListData> = {
  next(previous, pages) {
    const { pageInfo } = pages.at(-1)?.user?.videos ?? {};
    const listed = listedIn(pages);
    if (!pageInfo?.hasNextPage || !pageInfo.endCursor || listed >= limits.publishListMaxVideos) {
      return undefined;
    }
    const first = Math.min(limits.publishListPageVideos, limits.publishListMaxVideos - listed);
    return { ...previous, variables: { ...previous.variables, first, after: pageInfo.endCursor } };
  },
  merge(pages) {
    const [first] = pages;
    if (!first?.user) return { user: null };
    const edges = pages.flatMap((page) => page.user?.videos.edges ?? []);
    return {
      user: {
        videos: {
          edges: edges.slice(0, limits.publishListMaxVideos),
          pageInfo: first.user.videos.pageInfo,
        },
      },
    };
  },
};

export const publishList: Endpoint<PublishListData> = {
  method: 'GET',
  path: '/douyin/publish/list/',
  token: 'optional',
  document,
  request: publishListRequest,
  paging: videoPages,
  respond: (data) => {
    if (!data.user) throw new RestError('NOT_FOUND', 'User not found');
    return { video_list: data.user.videos.edges.map((edge) => toDouyinVideo(edge.node)) };
  },
  failureFields: { video_list: [] },
};
