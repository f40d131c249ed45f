import {
  douyinUserFragment,
  type DouyinUser,
  type DouyinUserFields,
  toDouyinUser,
} from './douyin-user';
import { limits } from './limits';

/**
 * The Comment fields every douyin `comment` object is built from. Documents that return comments
 * spread `...DouyinComment` and append this fragment (it brings DouyinUser along).
 */
export const douyinCommentFragment = /* GraphQL */ `
  fragment DouyinComment on Comment {
    id
    content
    createdAtMs
    author {
      ...DouyinUser
    }
  }

  ${douyinUserFragment}
`;

export interface DouyinCommentFields {
  id: string;
  content: string;
  createdAtMs: number;
  author: DouyinUserFields;
}

/** douyin-api.md §2.3: all 4 keys, always. */
export interface DouyinComment {
  id: number;
  user: DouyinUser;
  content: string;
  create_date: string;
}

const monthDay = new Intl.DateTimeFormat('en-US', {
  timeZone: limits.commentDateTimeZone,
  month: '2-digit',
  day: '2-digit',
});

/** "MM-DD", as the doc's `create_date` says (douyin-api.md §2.3). */
export function createDate(ms: number): string {
  const parts = monthDay.formatToParts(ms);
  const part = (type: 'month' | 'day') => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('month')}-${part('day')}`;
}

export function toDouyinComment(comment: DouyinCommentFields): DouyinComment {
  return {
    id: Number(comment.id),
    user: toDouyinUser(comment.author),
    content: comment.content,
    create_date: createDate(comment.createdAtMs),
  };
}
