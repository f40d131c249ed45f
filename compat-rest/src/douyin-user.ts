/**
 * The User fields every douyin `user` object is built from. Documents that return users spread
 * `...DouyinUser` and append this fragment.
 */
export const douyinUserFragment = /* GraphQL */ `
  fragment DouyinUser on User {
    id
    name
    avatar
    backgroundImage
    signature
  }
`;

export interface DouyinUserFields {
  id: string;
  name: string;
  avatar: string;
  backgroundImage: string;
  signature: string;
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

// Neutral until their subgraphs join the supergraph: social (followCount, followerCount,
// isFollow), video (workCount), interaction (totalFavorited, favoriteCount). Each then moves into
// the fragment above and is read from the user in toDouyinUser.
const notYetFederated = {
  follow_count: 0,
  follower_count: 0,
  is_follow: false,
  total_favorited: 0,
  work_count: 0,
  favorite_count: 0,
} as const;

export function toDouyinUser(user: DouyinUserFields): DouyinUser {
  return {
    id: Number(user.id),
    name: user.name,
    follow_count: notYetFederated.follow_count,
    follower_count: notYetFederated.follower_count,
    is_follow: notYetFederated.is_follow,
    avatar: user.avatar,
    background_image: user.backgroundImage,
    signature: user.signature,
    total_favorited: notYetFederated.total_favorited,
    work_count: notYetFederated.work_count,
    favorite_count: notYetFederated.favorite_count,
  };
}
