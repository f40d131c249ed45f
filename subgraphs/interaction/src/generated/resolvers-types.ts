import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { VideoRef, UserRef, Context } from '../context';
import type { CommentRow, DanmakuRow } from '../db/schema';
import type { CommentConnectionModel } from '../domain/comments';
import type { LikedVideoConnectionModel, LikedVideoEdgeModel } from '../domain/likes';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, ISO-8601 with milliseconds (2026-01-31T12:00:00.000Z). */
  DateTime: { input: Date; output: Date; }
  link__Import: { input: any; output: any; }
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
   * Likes a video as the viewer. Idempotent: liking a liked video changes nothing. Answers the
   * video (isFavorite true, its new favoriteCount). NOT_FOUND for an unknown video.
   */
  likeVideo: Video;
  /**
   * Sends a danmaku over a video as the viewer, at atMs on its timeline. content: 1–100 characters
   * after trimming, its words screened as addComment's. atMs: from 0 to the video's duration; a
   * video whose duration this subgraph has not learned (known from before durations were carried)
   * takes any atMs ≥ 0. BAD_USER_INPUT for content or atMs out of bounds, NOT_FOUND for an unknown
   * video, UNAUTHENTICATED when anonymous.
   */
  sendDanmaku: Danmaku;
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


export type MutationLikeVideoArgs = {
  videoId: Scalars['ID']['input'];
};


export type MutationSendDanmakuArgs = {
  atMs: Scalars['Int']['input'];
  content: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationUnlikeVideoArgs = {
  videoId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** The last edge's cursor; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** A comment by id, or null when there is none (or it was deleted). */
  comment?: Maybe<Comment>;
  /** A danmaku by id, or null when there is none. */
  danmaku?: Maybe<Danmaku>;
  /**
   * Which of these videos the viewer likes, each once, in the order given; empty when anonymous.
   * At most 100 ids (BAD_USER_INPUT). For a client that caches pages without viewer flags and
   * overlays them (compat-rest's feed): one query, whatever the number of videos.
   */
  likedAmong: Array<Scalars['ID']['output']>;
};


export type QueryCommentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDanmakuArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLikedAmongArgs = {
  videoIds: Array<Scalars['ID']['input']>;
};

/**
 * Live events over WebSocket (graphql-ws) on /graphql; send the token, if any, as
 * `authorization: "Bearer <jwt>"` in connection_init. A client that does not keep up is
 * disconnected (close code 1013) rather than queued for without bound.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** Each comment added to the video from now on, as `comment(id)` answers it when it arrives. */
  commentAdded: Comment;
  /** The id of each comment deleted from the video from now on. */
  commentDeleted: Scalars['ID']['output'];
  /**
   * Each danmaku sent over the video from now on, as `danmaku(id)` answers it when it arrives.
   * Anyone may watch, anonymous included.
   */
  danmakuAdded: Danmaku;
};


/**
 * Live events over WebSocket (graphql-ws) on /graphql; send the token, if any, as
 * `authorization: "Bearer <jwt>"` in connection_init. A client that does not keep up is
 * disconnected (close code 1013) rather than queued for without bound.
 */
export type SubscriptionCommentAddedArgs = {
  videoId: Scalars['ID']['input'];
};


/**
 * Live events over WebSocket (graphql-ws) on /graphql; send the token, if any, as
 * `authorization: "Bearer <jwt>"` in connection_init. A client that does not keep up is
 * disconnected (close code 1013) rather than queued for without bound.
 */
export type SubscriptionCommentDeletedArgs = {
  videoId: Scalars['ID']['input'];
};


/**
 * Live events over WebSocket (graphql-ws) on /graphql; send the token, if any, as
 * `authorization: "Bearer <jwt>"` in connection_init. A client that does not keep up is
 * disconnected (close code 1013) rather than queued for without bound.
 */
export type SubscriptionDanmakuAddedArgs = {
  videoId: Scalars['ID']['input'];
};

export type User = {
  __typename?: 'User';
  /** How many videos this user likes. */
  favoriteCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** The videos this user likes, most recently liked first; first ≤ 50. */
  likedVideos: LikedVideoConnection;
  /** How many likes this user's videos have received. */
  totalFavorited: Scalars['Int']['output'];
};


export type UserLikedVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Video = {
  __typename?: 'Video';
  commentCount: Scalars['Int']['output'];
  /** Comments on this video, newest first; first ≤ 50. */
  comments: CommentConnection;
  /**
   * The danmaku over a window of this video's timeline, fromMs ≤ atMs < toMs, in timeline order
   * (atMs, then the order they were sent). toMs defaults to fromMs + 600000: a window spans at most
   * 10 minutes. At most 500 are answered, the earliest of the window: read a busier stretch in
   * narrower windows. BAD_USER_INPUT for a window outside those bounds.
   */
  danmaku: Array<Danmaku>;
  /** How many users like this video. */
  favoriteCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Whether the viewer likes this video; false when anonymous. */
  isFavorite: Scalars['Boolean']['output'];
};


export type VideoCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type VideoDanmakuArgs = {
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
};

export type Link__Purpose =
  | 'EXECUTION'
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Comment: ResolverTypeWrapper<CommentRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CommentConnection: ResolverTypeWrapper<CommentConnectionModel>;
  CommentEdge: ResolverTypeWrapper<Omit<CommentEdge, 'node'> & { node: ResolversTypes['Comment'] }>;
  Danmaku: ResolverTypeWrapper<DanmakuRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LikedVideoConnection: ResolverTypeWrapper<LikedVideoConnectionModel>;
  LikedVideoEdge: ResolverTypeWrapper<LikedVideoEdgeModel>;
  Mutation: ResolverTypeWrapper<{}>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<{}>;
  Subscription: ResolverTypeWrapper<{}>;
  User: ResolverTypeWrapper<UserRef>;
  Video: ResolverTypeWrapper<VideoRef>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Comment: CommentRow;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  CommentConnection: CommentConnectionModel;
  CommentEdge: Omit<CommentEdge, 'node'> & { node: ResolversParentTypes['Comment'] };
  Danmaku: DanmakuRow;
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  LikedVideoConnection: LikedVideoConnectionModel;
  LikedVideoEdge: LikedVideoEdgeModel;
  Mutation: {};
  PageInfo: PageInfo;
  Query: {};
  Subscription: {};
  User: UserRef;
  Video: VideoRef;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = Context, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = Context, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = Context, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CommentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Comment']>, { __typename: 'Comment' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdAtMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  video?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommentConnection'] = ResolversParentTypes['CommentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CommentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommentEdge'] = ResolversParentTypes['CommentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Comment'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type DanmakuResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Danmaku'] = ResolversParentTypes['Danmaku']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Danmaku']>, { __typename: 'Danmaku' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  atMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  video?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LikedVideoConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LikedVideoConnection'] = ResolversParentTypes['LikedVideoConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['LikedVideoEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type LikedVideoEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LikedVideoEdge'] = ResolversParentTypes['LikedVideoEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  likedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationAddCommentArgs, 'content' | 'videoId'>>;
  deleteComment?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationDeleteCommentArgs, 'id'>>;
  likeVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationLikeVideoArgs, 'videoId'>>;
  sendDanmaku?: Resolver<ResolversTypes['Danmaku'], ParentType, ContextType, RequireFields<MutationSendDanmakuArgs, 'atMs' | 'content' | 'videoId'>>;
  unlikeVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationUnlikeVideoArgs, 'videoId'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  comment?: Resolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType, RequireFields<QueryCommentArgs, 'id'>>;
  danmaku?: Resolver<Maybe<ResolversTypes['Danmaku']>, ParentType, ContextType, RequireFields<QueryDanmakuArgs, 'id'>>;
  likedAmong?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<QueryLikedAmongArgs, 'videoIds'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  commentAdded?: SubscriptionResolver<ResolversTypes['Comment'], "commentAdded", ParentType, ContextType, RequireFields<SubscriptionCommentAddedArgs, 'videoId'>>;
  commentDeleted?: SubscriptionResolver<ResolversTypes['ID'], "commentDeleted", ParentType, ContextType, RequireFields<SubscriptionCommentDeletedArgs, 'videoId'>>;
  danmakuAdded?: SubscriptionResolver<ResolversTypes['Danmaku'], "danmakuAdded", ParentType, ContextType, RequireFields<SubscriptionDanmakuAddedArgs, 'videoId'>>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']>, { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  favoriteCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  likedVideos?: Resolver<ResolversTypes['LikedVideoConnection'], ParentType, ContextType, RequireFields<UserLikedVideosArgs, 'first'>>;
  totalFavorited?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']>, { __typename: 'Video' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  commentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  comments?: Resolver<ResolversTypes['CommentConnection'], ParentType, ContextType, RequireFields<VideoCommentsArgs, 'first'>>;
  danmaku?: Resolver<Array<ResolversTypes['Danmaku']>, ParentType, ContextType, RequireFields<VideoDanmakuArgs, 'fromMs'>>;
  favoriteCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isFavorite?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = Context> = ResolversObject<{
  Comment?: CommentResolvers<ContextType>;
  CommentConnection?: CommentConnectionResolvers<ContextType>;
  CommentEdge?: CommentEdgeResolvers<ContextType>;
  Danmaku?: DanmakuResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LikedVideoConnection?: LikedVideoConnectionResolvers<ContextType>;
  LikedVideoEdge?: LikedVideoEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
}>;
