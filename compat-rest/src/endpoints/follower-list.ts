import { relationList } from './relation-list';

/** The users who follow user_id (douyin-api.md §3.13), each with is_follow for the token's user. */
export const followerList = relationList({
  path: '/douyin/relation/follower/list/',
  field: 'followers',
  name: 'FollowerList',
});
