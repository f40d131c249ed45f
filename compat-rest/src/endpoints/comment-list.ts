import {
  douyinCommentFragment,
  type DouyinCommentFields,
  toDouyinComment,
} from '../douyin-comment';
import type { Endpoint } from '../endpoint';
import { allPagesOf, type ConnectionPage } from '../list-pages';
import { limits } from '../limits';
import { RestError } from '../rest-error';
import { requiredId } from './action-type';

const document = /* GraphQL */ `
  query DouyinCommentList($videoId: ID!, $first: Int!, $after: String) {
    video(id: $videoId) {
      comments(first: $first, after: $after) {
        edges {
          node {
            ...DouyinComment
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }

  ${douyinCommentFragment}
`;

interface CommentListData {
  video: { comments: ConnectionPage<{ node: DouyinCommentFields }> } | null;
}

/** A video's comments, newest first ("按发布时间倒序", douyin-api.md §3.10). */
export const commentList: Endpoint<CommentListData> = {
  method: 'GET',
  path: '/douyin/comment/list/',
  token: 'optional',
  document,
  request: (params) => ({
    variables: {
      videoId: requiredId(params, 'video_id'),
      first: limits.commentListPageComments,
      after: null,
    },
  }),
  paging: allPagesOf((data) => data.video?.comments, {
    pageSize: limits.commentListPageComments,
    max: limits.commentListMaxComments,
  }),
  respond: (data) => {
    if (!data.video) throw new RestError('NOT_FOUND', 'Video not found');
    return {
      comment_list: data.video.comments.edges.map((edge) => toDouyinComment(edge.node)),
    };
  },
  failureFields: { comment_list: [] },
};
