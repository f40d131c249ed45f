import {
  douyinUserFragment,
  type DouyinUser,
  type DouyinUserFields,
  toDouyinUser,
} from './douyin-user';

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
    favoriteCount
    commentCount
    isFavorite
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
  favoriteCount: number;
  commentCount: number;
  isFavorite: boolean;
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
  return {
    id: Number(video.id),
    author: toDouyinUser(video.author),
    play_url: video.playUrl,
    cover_url: video.coverUrl,
    favorite_count: video.favoriteCount,
    comment_count: video.commentCount,
    is_favorite: video.isFavorite,
    title: video.title,
  };
}
