import {
  douyinUserFragment,
  type DouyinUser,
  type DouyinUserFields,
  toDouyinUser,
} from './douyin-user';
import { notYetFederated } from './not-yet-federated';

/**
 * The Video fields every douyin `video` object is built from. Documents that return videos
 * spread `...DouyinVideo` and append this fragment (it brings DouyinUser along).
 */
export const douyinVideoFragment = /* GraphQL */ `
  fragment DouyinVideo on Video {
    id
    title
    playUrl
    coverUrl
    author {
      ...DouyinUser
    }
  }

  ${douyinUserFragment}
`;

export interface DouyinVideoFields {
  id: string;
  title: string;
  playUrl: string;
  coverUrl: string;
  author: DouyinUserFields;
}

/** douyin-api.md §2.2: all 8 keys, always. */
export interface DouyinVideo {
  id: number;
  author: DouyinUser;
  play_url: string;
  cover_url: string;
  favorite_count: number;
  comment_count: number;
  is_favorite: boolean;
  title: string;
}

export function toDouyinVideo(video: DouyinVideoFields): DouyinVideo {
  const neutral = notYetFederated.video;
  return {
    id: Number(video.id),
    author: toDouyinUser(video.author),
    play_url: video.playUrl,
    cover_url: video.coverUrl,
    favorite_count: neutral.favorite_count,
    comment_count: neutral.comment_count,
    is_favorite: neutral.is_favorite,
    title: video.title,
  };
}
