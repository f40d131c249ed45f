/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = {
  [_ in K]?: never;
};
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** An instant, ISO-8601 with milliseconds (2026-01-31T12:00:00.000Z). */
  DateTime: { input: string; output: string };
  /** A file in a GraphQL multipart request (send the `Apollo-Require-Preflight` header). */
  Upload: { input: File; output: File };
};

/** A session: the bearer token to send as `Authorization: Bearer <token>`, and its user. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Seconds until the token expires. */
  expiresIn: Scalars['Int']['output'];
  token: Scalars['String']['output'];
  user: User;
};

/** A comment on a video. */
export type Comment = {
  __typename?: 'Comment';
  author: User;
  /** 1–500 characters, trimmed. */
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** createdAt in epoch milliseconds. */
  createdAtMs: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  video: Video;
};

/**
 * Comments, newest first. Cursors are opaque: pass a page's `pageInfo.endCursor` as `after` for the
 * next page.
 */
export type CommentConnection = {
  __typename?: 'CommentConnection';
  edges: Array<CommentEdge>;
  pageInfo: PageInfo;
};

export type CommentEdge = {
  __typename?: 'CommentEdge';
  cursor: Scalars['String']['output'];
  node: Comment;
};

/** A danmaku (弹幕): a short comment pinned to a moment of a video, shown over it as it plays. */
export type Danmaku = {
  __typename?: 'Danmaku';
  /** Its moment on the video's timeline, in milliseconds from the start. */
  atMs: Scalars['Int']['output'];
  author: User;
  /** 1–100 characters, trimmed; masked words are stored as one * per character. */
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  video: Video;
};

/** Users on one side of follows, newest follow first. */
export type FollowConnection = {
  __typename?: 'FollowConnection';
  edges: Array<FollowEdge>;
  pageInfo: PageInfo;
};

export type FollowEdge = {
  __typename?: 'FollowEdge';
  cursor: Scalars['String']['output'];
  /** When this follow was made. */
  followedAt: Scalars['DateTime']['output'];
  node: User;
};

/** Mutual follows, most recently followed first. */
export type FriendConnection = {
  __typename?: 'FriendConnection';
  edges: Array<FriendEdge>;
  pageInfo: PageInfo;
};

export type FriendEdge = {
  __typename?: 'FriendEdge';
  cursor: Scalars['String']['output'];
  /** The newest message between the viewer and this friend, either way; null when anonymous or none. */
  lastMessage: Maybe<Message>;
  /** Whether the viewer received or sent lastMessage; null when there is none. */
  lastMessageDirection: Maybe<MessageDirection>;
  node: User;
};

/** Liked videos, most recently liked first. */
export type LikedVideoConnection = {
  __typename?: 'LikedVideoConnection';
  edges: Array<LikedVideoEdge>;
  pageInfo: PageInfo;
};

export type LikedVideoEdge = {
  __typename?: 'LikedVideoEdge';
  cursor: Scalars['String']['output'];
  /** When the user liked this video. */
  likedAt: Scalars['DateTime']['output'];
  node: Video;
};

/** A direct message from one user to another. */
export type Message = {
  __typename?: 'Message';
  /** 1–1000 characters, trimmed; masked words are stored as one * per character. */
  content: Scalars['String']['output'];
  /**
   * When it was sent. Within a conversation every message has a millisecond of its own, in the
   * order they were written: a later message is always strictly later.
   */
  createdAt: Scalars['DateTime']['output'];
  /** createdAt in epoch milliseconds. */
  createdAtMs: Scalars['Float']['output'];
  from: User;
  id: Scalars['ID']['output'];
  to: User;
};

/**
 * Messages, newest first. Cursors are opaque: pass a page's `pageInfo.endCursor` as `after` for the
 * next (older) page.
 */
export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
};

/** A message as one party sees it. */
export type MessageDirection =
  /** The viewer is its recipient (douyin msgType 0). */
  | 'RECEIVED'
  /** The viewer is its sender (douyin msgType 1). */
  | 'SENT';

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Comments on a video as the viewer: 1–500 characters after trimming. Masked words are stored as
   * one * per character; content holding a blocked word is refused with BAD_USER_INPUT and nothing
   * is written. NOT_FOUND for an unknown video.
   */
  addComment: Comment;
  /**
   * Deletes a comment: only its author or the video's author may (FORBIDDEN otherwise). Answers
   * the video it was on, with its new commentCount. NOT_FOUND when there is no such comment.
   */
  deleteComment: Video;
  /**
   * The viewer follows userId. Idempotent: following a followed user changes nothing. Answers the
   * followed user (isFollow true, its new followerCount). BAD_USER_INPUT for oneself, NOT_FOUND for
   * an unknown user, UNAVAILABLE when whether the user exists cannot be learned right now.
   */
  follow: User;
  /**
   * Likes a video as the viewer. Idempotent: liking a liked video changes nothing. Answers the
   * video (isFavorite true, its new favoriteCount). NOT_FOUND for an unknown video.
   */
  likeVideo: Video;
  /** Logs in. Wrong password and unknown user get the same UNAUTHENTICATED answer. */
  login: AuthPayload;
  /** Publishes a video (title 1–100 characters). The file is checked to be a real video; a cover is extracted. */
  publishVideo: Video;
  /** Creates an account (username 1–32 characters, password 6–32) and logs it in. CONFLICT when the name is taken. */
  register: AuthPayload;
  /**
   * Sends a danmaku over a video as the viewer, at atMs on its timeline. content: 1–100 characters
   * after trimming, its words screened as addComment's. atMs: from 0 to the video's duration; a
   * video whose duration this subgraph has not learned (known from before durations were carried)
   * takes any atMs ≥ 0. BAD_USER_INPUT for content or atMs out of bounds, NOT_FOUND for an unknown
   * video, UNAUTHENTICATED when anonymous.
   */
  sendDanmaku: Danmaku;
  /**
   * Sends a message: 1–1000 characters after trimming; no friendship needed. Masked words are
   * stored as one * per character; content holding a blocked word is refused with BAD_USER_INPUT
   * and nothing is written. BAD_USER_INPUT for a message to oneself, NOT_FOUND for an unknown
   * recipient.
   */
  sendMessage: Message;
  /** The viewer stops following userId. Idempotent, like follow, with the same refusals. */
  unfollow: User;
  /** Takes the viewer's like back. Idempotent, like likeVideo. NOT_FOUND for an unknown video. */
  unlikeVideo: Video;
};

export type MutationAddCommentArgs = {
  content: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
};

export type MutationDeleteCommentArgs = {
  id: Scalars['ID']['input'];
};

export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};

export type MutationLikeVideoArgs = {
  videoId: Scalars['ID']['input'];
};

export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

export type MutationPublishVideoArgs = {
  file: Scalars['Upload']['input'];
  title: Scalars['String']['input'];
};

export type MutationRegisterArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

export type MutationSendDanmakuArgs = {
  atMs: Scalars['Int']['input'];
  content: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
};

export type MutationSendMessageArgs = {
  content: Scalars['String']['input'];
  toUserId: Scalars['ID']['input'];
};

export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};

export type MutationUnlikeVideoArgs = {
  videoId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** The last edge's cursor; null when the page is empty. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** A comment by id, or null when there is none (or it was deleted). */
  comment: Maybe<Comment>;
  /**
   * The viewer's conversation with peerId, both directions, newest first; first ≤ 50.
   * `createdAfterMs` (epoch ms) keeps only messages created strictly after that instant: a client
   * polling with its newest message's createdAtMs gets exactly what came since. An unknown peer
   * has an empty conversation. UNAUTHENTICATED when anonymous.
   */
  conversation: MessageConnection;
  /** A danmaku by id, or null when there is none. */
  danmaku: Maybe<Danmaku>;
  /**
   * Every published video, newest first; first ≤ 30. Each video has a millisecond of its own, so
   * pages never skip or repeat one. Replaces `feed(latestTime)` and `FeedPage`: the /douyin REST
   * shim keeps latest_time/next_time by sending, as `after`, a cursor made for an instant
   * (cursorBefore(ms) in @reel/common; the page then starts strictly before that millisecond), and
   * by reading next_time back from `endCursor`.
   */
  feed: VideoConnection;
  /**
   * A message by id, for its sender and its recipient only: null when there is none or the viewer
   * is neither (a third party cannot tell the two apart). UNAUTHENTICATED when anonymous.
   */
  message: Maybe<Message>;
  /** A user by id, or null when there is none. */
  user: Maybe<User>;
  video: Maybe<Video>;
  /** The user the bearer token belongs to; null when anonymous. */
  viewer: Maybe<User>;
};

export type QueryCommentArgs = {
  id: Scalars['ID']['input'];
};

export type QueryConversationArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  createdAfterMs?: InputMaybe<Scalars['Float']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  peerId: Scalars['ID']['input'];
};

export type QueryDanmakuArgs = {
  id: Scalars['ID']['input'];
};

export type QueryFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryMessageArgs = {
  id: Scalars['ID']['input'];
};

export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};

export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  commentAdded: Comment;
  commentDeleted: Scalars['ID']['output'];
  danmakuAdded: Danmaku;
  messageReceived: Message;
};

export type SubscriptionCommentAddedArgs = {
  videoId: Scalars['ID']['input'];
};

export type SubscriptionCommentDeletedArgs = {
  videoId: Scalars['ID']['input'];
};

export type SubscriptionDanmakuAddedArgs = {
  videoId: Scalars['ID']['input'];
};

export type SubscriptionMessageReceivedArgs = {
  peerId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type User = {
  __typename?: 'User';
  /** Absolute URL of the avatar image (a default until the user sets one). */
  avatar: Scalars['String']['output'];
  /** Absolute URL of the profile banner image. */
  backgroundImage: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** How many videos this user likes. */
  favoriteCount: Scalars['Int']['output'];
  /** How many users this user follows. */
  followCount: Scalars['Int']['output'];
  /** How many users follow this user. */
  followerCount: Scalars['Int']['output'];
  /** The users who follow this user, most recent followers first; first ≤ 50. */
  followers: FollowConnection;
  /** The users this user follows, most recently followed first; first ≤ 50. */
  following: FollowConnection;
  /**
   * This user's friends: the users they follow who follow them back, most recently followed by
   * this user first; first ≤ 50. Each edge carries the newest message between the viewer and that
   * friend.
   */
  friends: FriendConnection;
  id: Scalars['ID']['output'];
  /** Whether the viewer follows this user; false when anonymous, and for the viewer themselves. */
  isFollow: Scalars['Boolean']['output'];
  /** The videos this user likes, most recently liked first; first ≤ 50. */
  likedVideos: LikedVideoConnection;
  /** Display name; the username chosen at registration. */
  name: Scalars['String']['output'];
  signature: Scalars['String']['output'];
  /** How many likes this user's videos have received. */
  totalFavorited: Scalars['Int']['output'];
  /** This user's videos, newest first; first ≤ 50. */
  videos: VideoConnection;
  /** How many videos this user has published. */
  workCount: Scalars['Int']['output'];
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type UserFriendsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type UserLikedVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Someone with an account. Other subgraphs extend it with counts, videos and relations.
 * A reference to an account that no longer exists (a video's author, say) resolves to a
 * placeholder with that id, the name "[deleted]", the default images, an empty signature and
 * createdAt 1970-01-01, so a list that mentions it still answers; `user(id)` and `viewer` answer
 * null for such an id.
 */
export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A published short video. */
export type Video = {
  __typename?: 'Video';
  author: User;
  commentCount: Scalars['Int']['output'];
  /** Comments on this video, newest first; first ≤ 50. */
  comments: CommentConnection;
  /** Absolute URL of the JPEG cover extracted from the video. */
  coverUrl: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** createdAt in epoch milliseconds. */
  createdAtMs: Scalars['Float']['output'];
  /**
   * The danmaku over a window of this video's timeline, fromMs ≤ atMs < toMs, in timeline order
   * (atMs, then the order they were sent). toMs defaults to fromMs + 600000: a window spans at most
   * 10 minutes. At most 500 are answered, the earliest of the window: read a busier stretch in
   * narrower windows. BAD_USER_INPUT for a window outside those bounds.
   */
  danmaku: Array<Danmaku>;
  /** Seconds. */
  duration: Scalars['Float']['output'];
  /** How many users like this video. */
  favoriteCount: Scalars['Int']['output'];
  /** Pixels. */
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Whether the viewer likes this video; false when anonymous. */
  isFavorite: Scalars['Boolean']['output'];
  /** Absolute URL of the video file; supports HTTP Range requests. */
  playUrl: Scalars['String']['output'];
  /** Absolute URL of a small WebP thumbnail of the cover. */
  thumbnailUrl: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** Pixels. */
  width: Scalars['Int']['output'];
};

/** A published short video. */
export type VideoCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A published short video. */
export type VideoDanmakuArgs = {
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Videos, newest first. Cursors are opaque: pass a page's `pageInfo.endCursor` as `after` for the
 * next page.
 */
export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
};

export type VideoEdge = {
  __typename?: 'VideoEdge';
  cursor: Scalars['String']['output'];
  node: Video;
};

export type VideoFieldsFragment = {
  __typename?: 'Video';
  id: string;
  title: string;
  playUrl: string;
  coverUrl: string;
  thumbnailUrl: string;
  createdAt: string;
  duration: number;
  favoriteCount: number;
  commentCount: number;
  isFavorite: boolean;
  author: { __typename?: 'User'; id: string; name: string; avatar: string; isFollow: boolean };
};

export type CommentFieldsFragment = {
  __typename?: 'Comment';
  id: string;
  content: string;
  createdAtMs: number;
  author: { __typename?: 'User'; id: string; name: string; avatar: string };
};

export type MessageFieldsFragment = {
  __typename?: 'Message';
  id: string;
  content: string;
  createdAtMs: number;
  from: { __typename?: 'User'; id: string };
  to: { __typename?: 'User'; id: string };
};

export type ViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ViewerQuery = {
  __typename?: 'Query';
  viewer: { __typename?: 'User'; id: string; name: string; avatar: string } | null;
};

export type RegisterMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;

export type RegisterMutation = {
  __typename?: 'Mutation';
  register: {
    __typename?: 'AuthPayload';
    token: string;
    user: { __typename?: 'User'; id: string; name: string };
  };
};

export type LoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;

export type LoginMutation = {
  __typename?: 'Mutation';
  login: {
    __typename?: 'AuthPayload';
    token: string;
    user: { __typename?: 'User'; id: string; name: string };
  };
};

export type FeedQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type FeedQuery = {
  __typename?: 'Query';
  feed: {
    __typename?: 'VideoConnection';
    edges: Array<{
      __typename?: 'VideoEdge';
      cursor: string;
      node: {
        __typename?: 'Video';
        id: string;
        title: string;
        playUrl: string;
        coverUrl: string;
        thumbnailUrl: string;
        createdAt: string;
        duration: number;
        favoriteCount: number;
        commentCount: number;
        isFavorite: boolean;
        author: {
          __typename?: 'User';
          id: string;
          name: string;
          avatar: string;
          isFollow: boolean;
        };
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
};

export type VideoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type VideoQuery = {
  __typename?: 'Query';
  video: {
    __typename?: 'Video';
    id: string;
    title: string;
    playUrl: string;
    coverUrl: string;
    thumbnailUrl: string;
    createdAt: string;
    duration: number;
    favoriteCount: number;
    commentCount: number;
    isFavorite: boolean;
    author: { __typename?: 'User'; id: string; name: string; avatar: string; isFollow: boolean };
  } | null;
};

export type LikeVideoMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;

export type LikeVideoMutation = {
  __typename?: 'Mutation';
  likeVideo: { __typename?: 'Video'; id: string; favoriteCount: number; isFavorite: boolean };
};

export type UnlikeVideoMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;

export type UnlikeVideoMutation = {
  __typename?: 'Mutation';
  unlikeVideo: { __typename?: 'Video'; id: string; favoriteCount: number; isFavorite: boolean };
};

export type CommentsQueryVariables = Exact<{
  videoId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;

export type CommentsQuery = {
  __typename?: 'Query';
  video: {
    __typename?: 'Video';
    id: string;
    commentCount: number;
    comments: {
      __typename?: 'CommentConnection';
      edges: Array<{
        __typename?: 'CommentEdge';
        cursor: string;
        node: {
          __typename?: 'Comment';
          id: string;
          content: string;
          createdAtMs: number;
          author: { __typename?: 'User'; id: string; name: string; avatar: string };
        };
      }>;
      pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
};

export type AddCommentMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
  content: Scalars['String']['input'];
}>;

export type AddCommentMutation = {
  __typename?: 'Mutation';
  addComment: {
    __typename?: 'Comment';
    id: string;
    content: string;
    createdAtMs: number;
    video: { __typename?: 'Video'; id: string; commentCount: number };
    author: { __typename?: 'User'; id: string; name: string; avatar: string };
  };
};

export type DeleteCommentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type DeleteCommentMutation = {
  __typename?: 'Mutation';
  deleteComment: { __typename?: 'Video'; id: string; commentCount: number };
};

export type CommentAddedSubscriptionVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;

export type CommentAddedSubscription = {
  __typename?: 'Subscription';
  commentAdded: {
    __typename?: 'Comment';
    id: string;
    content: string;
    createdAtMs: number;
    author: { __typename?: 'User'; id: string; name: string; avatar: string };
  };
};

export type CommentDeletedSubscriptionVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;

export type CommentDeletedSubscription = { __typename?: 'Subscription'; commentDeleted: string };

export type DanmakuWindowQueryVariables = Exact<{
  videoId: Scalars['ID']['input'];
  fromMs: Scalars['Int']['input'];
  toMs: Scalars['Int']['input'];
}>;

export type DanmakuWindowQuery = {
  __typename?: 'Query';
  video: {
    __typename?: 'Video';
    id: string;
    danmaku: Array<{
      __typename?: 'Danmaku';
      id: string;
      content: string;
      atMs: number;
      author: { __typename?: 'User'; id: string };
    }>;
  } | null;
};

export type SendDanmakuMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
  content: Scalars['String']['input'];
  atMs: Scalars['Int']['input'];
}>;

export type SendDanmakuMutation = {
  __typename?: 'Mutation';
  sendDanmaku: {
    __typename?: 'Danmaku';
    id: string;
    content: string;
    atMs: number;
    author: { __typename?: 'User'; id: string };
  };
};

export type DanmakuAddedSubscriptionVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;

export type DanmakuAddedSubscription = {
  __typename?: 'Subscription';
  danmakuAdded: {
    __typename?: 'Danmaku';
    id: string;
    content: string;
    atMs: number;
    author: { __typename?: 'User'; id: string };
  };
};

export type ProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;

export type ProfileQuery = {
  __typename?: 'Query';
  user: {
    __typename?: 'User';
    id: string;
    name: string;
    avatar: string;
    backgroundImage: string;
    signature: string;
    followCount: number;
    followerCount: number;
    isFollow: boolean;
    workCount: number;
    totalFavorited: number;
    favoriteCount: number;
    videos: {
      __typename?: 'VideoConnection';
      edges: Array<{
        __typename?: 'VideoEdge';
        node: {
          __typename?: 'Video';
          id: string;
          title: string;
          thumbnailUrl: string;
          favoriteCount: number;
        };
      }>;
    };
    likedVideos: {
      __typename?: 'LikedVideoConnection';
      edges: Array<{
        __typename?: 'LikedVideoEdge';
        node: {
          __typename?: 'Video';
          id: string;
          title: string;
          thumbnailUrl: string;
          favoriteCount: number;
        };
      }>;
    };
  } | null;
};

export type FollowMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;

export type FollowMutation = {
  __typename?: 'Mutation';
  follow: { __typename?: 'User'; id: string; isFollow: boolean; followerCount: number };
};

export type UnfollowMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;

export type UnfollowMutation = {
  __typename?: 'Mutation';
  unfollow: { __typename?: 'User'; id: string; isFollow: boolean; followerCount: number };
};

export type PublishVideoMutationVariables = Exact<{
  title: Scalars['String']['input'];
  file: Scalars['Upload']['input'];
}>;

export type PublishVideoMutation = {
  __typename?: 'Mutation';
  publishVideo: {
    __typename?: 'Video';
    id: string;
    title: string;
    playUrl: string;
    coverUrl: string;
    thumbnailUrl: string;
    createdAt: string;
    duration: number;
    favoriteCount: number;
    commentCount: number;
    isFavorite: boolean;
    author: { __typename?: 'User'; id: string; name: string; avatar: string; isFollow: boolean };
  };
};

export type FriendsQueryVariables = Exact<{ [key: string]: never }>;

export type FriendsQuery = {
  __typename?: 'Query';
  viewer: {
    __typename?: 'User';
    id: string;
    friends: {
      __typename?: 'FriendConnection';
      edges: Array<{
        __typename?: 'FriendEdge';
        lastMessageDirection: MessageDirection | null;
        node: { __typename?: 'User'; id: string; name: string; avatar: string };
        lastMessage: {
          __typename?: 'Message';
          id: string;
          content: string;
          createdAtMs: number;
        } | null;
      }>;
    };
  } | null;
};

export type ConversationQueryVariables = Exact<{
  peerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  createdAfterMs?: InputMaybe<Scalars['Float']['input']>;
}>;

export type ConversationQuery = {
  __typename?: 'Query';
  user: { __typename?: 'User'; id: string; name: string; avatar: string } | null;
  conversation: {
    __typename?: 'MessageConnection';
    edges: Array<{
      __typename?: 'MessageEdge';
      cursor: string;
      node: {
        __typename?: 'Message';
        id: string;
        content: string;
        createdAtMs: number;
        from: { __typename?: 'User'; id: string };
        to: { __typename?: 'User'; id: string };
      };
    }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
};

export type SendMessageMutationVariables = Exact<{
  toUserId: Scalars['ID']['input'];
  content: Scalars['String']['input'];
}>;

export type SendMessageMutation = {
  __typename?: 'Mutation';
  sendMessage: {
    __typename?: 'Message';
    id: string;
    content: string;
    createdAtMs: number;
    from: { __typename?: 'User'; id: string };
    to: { __typename?: 'User'; id: string };
  };
};

export type MessageReceivedSubscriptionVariables = Exact<{
  peerId?: InputMaybe<Scalars['ID']['input']>;
}>;

export type MessageReceivedSubscription = {
  __typename?: 'Subscription';
  messageReceived: {
    __typename?: 'Message';
    id: string;
    content: string;
    createdAtMs: number;
    from: { __typename?: 'User'; id: string };
    to: { __typename?: 'User'; id: string };
  };
};

export const VideoFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VideoFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Video' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'playUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'coverUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'duration' } },
          { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<VideoFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CommentFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Comment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CommentFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MessageFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Message' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const ViewerDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Viewer' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const RegisterDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Register' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'username' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'register' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'username' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'username' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'password' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'token' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Login' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'username' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'login' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'username' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'username' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'password' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'token' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const FeedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Feed' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'feed' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'VideoFields' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VideoFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Video' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'playUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'coverUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'duration' } },
          { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FeedQuery, FeedQueryVariables>;
export const VideoDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Video' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'video' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'VideoFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VideoFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Video' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'playUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'coverUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'duration' } },
          { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<VideoQuery, VideoQueryVariables>;
export const LikeVideoDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'LikeVideo' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'likeVideo' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LikeVideoMutation, LikeVideoMutationVariables>;
export const UnlikeVideoDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UnlikeVideo' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'unlikeVideo' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UnlikeVideoMutation, UnlikeVideoMutationVariables>;
export const CommentsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Comments' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'video' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'comments' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'after' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  {
                                    kind: 'FragmentSpread',
                                    name: { kind: 'Name', value: 'CommentFields' },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'pageInfo' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CommentFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Comment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CommentsQuery, CommentsQueryVariables>;
export const AddCommentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AddComment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'addComment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'content' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'CommentFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'video' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CommentFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Comment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const DeleteCommentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteComment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteComment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeleteCommentMutation, DeleteCommentMutationVariables>;
export const CommentAddedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'CommentAdded' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'commentAdded' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'CommentFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CommentFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Comment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CommentAddedSubscription, CommentAddedSubscriptionVariables>;
export const CommentDeletedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'CommentDeleted' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'commentDeleted' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CommentDeletedSubscription, CommentDeletedSubscriptionVariables>;
export const DanmakuWindowDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DanmakuWindow' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'fromMs' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'toMs' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'video' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'danmaku' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'fromMs' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'fromMs' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'toMs' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'toMs' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'content' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'atMs' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'author' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DanmakuWindowQuery, DanmakuWindowQueryVariables>;
export const SendDanmakuDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SendDanmaku' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'atMs' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sendDanmaku' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'content' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'atMs' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'atMs' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'content' } },
                { kind: 'Field', name: { kind: 'Name', value: 'atMs' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'author' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SendDanmakuMutation, SendDanmakuMutationVariables>;
export const DanmakuAddedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DanmakuAdded' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'danmakuAdded' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'videoId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'videoId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'content' } },
                { kind: 'Field', name: { kind: 'Name', value: 'atMs' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'author' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DanmakuAddedSubscription, DanmakuAddedSubscriptionVariables>;
export const ProfileDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Profile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                { kind: 'Field', name: { kind: 'Name', value: 'backgroundImage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'signature' } },
                { kind: 'Field', name: { kind: 'Name', value: 'followCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'followerCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
                { kind: 'Field', name: { kind: 'Name', value: 'workCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalFavorited' } },
                { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'videos' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'IntValue', value: '30' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'likedVideos' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'IntValue', value: '30' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProfileQuery, ProfileQueryVariables>;
export const FollowDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Follow' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'follow' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
                { kind: 'Field', name: { kind: 'Name', value: 'followerCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FollowMutation, FollowMutationVariables>;
export const UnfollowDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Unfollow' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'unfollow' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
                { kind: 'Field', name: { kind: 'Name', value: 'followerCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UnfollowMutation, UnfollowMutationVariables>;
export const PublishVideoDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PublishVideo' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'title' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'file' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Upload' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'publishVideo' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'title' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'title' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'file' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'file' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'VideoFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VideoFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Video' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'playUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'coverUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'thumbnailUrl' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'duration' } },
          { kind: 'Field', name: { kind: 'Name', value: 'favoriteCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'commentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isFavorite' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'author' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isFollow' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PublishVideoMutation, PublishVideoMutationVariables>;
export const FriendsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Friends' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'friends' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'IntValue', value: '50' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lastMessage' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'content' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lastMessageDirection' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FriendsQuery, FriendsQueryVariables>;
export const ConversationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Conversation' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'peerId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'createdAfterMs' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Float' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'peerId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'avatar' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'conversation' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'peerId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'peerId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'createdAfterMs' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'createdAfterMs' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'MessageFields' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MessageFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Message' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConversationQuery, ConversationQueryVariables>;
export const SendMessageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SendMessage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'toUserId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sendMessage' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'toUserId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'toUserId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'content' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'content' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'MessageFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MessageFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Message' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SendMessageMutation, SendMessageMutationVariables>;
export const MessageReceivedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'MessageReceived' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'peerId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'messageReceived' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'peerId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'peerId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'MessageFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MessageFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Message' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'content' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAtMs' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MessageReceivedSubscription, MessageReceivedSubscriptionVariables>;
