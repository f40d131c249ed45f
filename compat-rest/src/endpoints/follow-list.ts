import { relationList } from './relation-list';

/** The users user_id follows (douyin-api.md §3.12), each with is_follow for the token's user. */
export const followList = relationList({
  path: '/douyin/relation/follow/list/',
  field: 'following',
  name: 'FollowList',
});
