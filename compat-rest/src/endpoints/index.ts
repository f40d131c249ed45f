import type { Endpoint } from '../endpoint';
import { commentAction } from './comment-action';
import { commentList } from './comment-list';
import { favoriteAction } from './favorite-action';
import { favoriteList } from './favorite-list';
import { feed } from './feed';
import { followList } from './follow-list';
import { followerList } from './follower-list';
import { friendList } from './friend-list';
import { messageAction } from './message-action';
import { messageChat } from './message-chat';
import { publishAction } from './publish-action';
import { publishList } from './publish-list';
import { relationAction } from './relation-action';
import { user } from './user';
import { userLogin } from './user-login';
import { userRegister } from './user-register';

/** Every /douyin endpoint compat-rest serves; a new endpoint is one more file and one more entry. */
export const douyinEndpoints: readonly Endpoint<unknown>[] = [
  feed,
  userRegister,
  userLogin,
  user,
  publishAction,
  publishList,
  favoriteAction,
  favoriteList,
  commentAction,
  commentList,
  relationAction,
  followList,
  followerList,
  friendList,
  messageAction,
  messageChat,
];
