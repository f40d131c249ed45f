/**
 * The User fields every douyin `user` object is built from. Documents that return users spread
 * `...DouyinUser` and append this fragment.
 */
export const douyinUserFragment = /* GraphQL */ `
  fragment DouyinUser on User {
    id
    name
    followCount
    followerCount
    isFollow
    avatar
    backgroundImage
    signature
    workCount
    favoriteCount
    totalFavorited
  }
`;

export interface DouyinUserFields {
  id: string;
  name: string;
  followCount: number;
  followerCount: number;
  isFollow: boolean;
  avatar: string;
  backgroundImage: string;
  signature: string;
  workCount: number;
  favoriteCount: number;
  totalFavorited: number;
}

/** douyin-api.md §2.1: all 11 keys, always. */
export interface DouyinUser {
  id: number;
  name: string;
  follow_count: number;
  follower_count: number;
  is_follow: boolean;
  avatar: string;
  background_image: string;
  signature: string;
  total_favorited: number;
  work_count: number;
  favorite_count: number;
}

export function toDouyinUser(user: DouyinUserFields): DouyinUser {
  return {
    id: Number(user.id),
    name: user.name,
    follow_count: user.followCount,
    follower_count: user.followerCount,
    is_follow: user.isFollow,
    avatar: user.avatar,
    background_image: user.backgroundImage,
    signature: user.signature,
    total_favorited: user.totalFavorited,
    work_count: user.workCount,
    favorite_count: user.favoriteCount,
  };
}
