import {
  douyinCommentFragment,
  type DouyinCommentFields,
  toDouyinComment,
} from '../douyin-comment';
import type { Endpoint, GraphqlRequest } from '../endpoint';
import type { Params } from '../params';
import { operationOf, requiredId } from './action-type';

const document = /* GraphQL */ `
  mutation DouyinAddComment($videoId: ID!, $content: String!) {
    addComment(videoId: $videoId, content: $content) {
      ...DouyinComment
    }
  }

  mutation DouyinDeleteComment($id: ID!) {
    deleteComment(id: $id) {
      id
    }
  }

  ${douyinCommentFragment}
`;

interface CommentActionData {
  addComment?: DouyinCommentFields;
  deleteComment?: { id: string };
}

function commentActionRequest(params: Params): GraphqlRequest {
  const operationName = operationOf(params, {
    1: { operation: 'DouyinAddComment', meaning: 'post a comment' },
    2: { operation: 'DouyinDeleteComment', meaning: 'delete a comment' },
  });
  if (operationName === 'DouyinDeleteComment') {
    return { operationName, variables: { id: requiredId(params, 'comment_id') } };
  }
  // an absent comment_text goes through as "" so the subgraph names what is missing
  return {
    operationName,
    variables: {
      videoId: requiredId(params, 'video_id'),
      content: params.get('comment_text') ?? '',
    },
  };
}

/**
 * Posting answers the comment, so the app need not reload the list; deleting answers the
 * envelope with `comment: null` (douyin-api.md §3.9).
 */
export const commentAction: Endpoint<CommentActionData> = {
  method: 'POST',
  path: '/douyin/comment/action/',
  token: 'required',
  document,
  request: commentActionRequest,
  respond: (data) => ({ comment: data.addComment ? toDouyinComment(data.addComment) : null }),
  failureFields: { comment: null },
};
