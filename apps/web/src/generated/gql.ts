/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment VideoFields on Video {\n    id\n    title\n    playUrl\n    coverUrl\n    thumbnailUrl\n    createdAt\n    duration\n    favoriteCount\n    commentCount\n    isFavorite\n    author {\n      id\n      name\n      avatar\n      isFollow\n    }\n  }\n": typeof types.VideoFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    content\n    createdAtMs\n    author {\n      id\n      name\n      avatar\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    content\n    createdAtMs\n    from {\n      id\n    }\n    to {\n      id\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      avatar\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...VideoFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FeedDocument,
    "\n  query Video($id: ID!) {\n    video(id: $id) {\n      ...VideoFields\n    }\n  }\n": typeof types.VideoDocument,
    "\n  mutation LikeVideo($videoId: ID!) {\n    likeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n": typeof types.LikeVideoDocument,
    "\n  mutation UnlikeVideo($videoId: ID!) {\n    unlikeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n": typeof types.UnlikeVideoDocument,
    "\n  query Comments($videoId: ID!, $first: Int, $after: String) {\n    video(id: $videoId) {\n      id\n      commentCount\n      comments(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.CommentsDocument,
    "\n  mutation AddComment($videoId: ID!, $content: String!) {\n    addComment(videoId: $videoId, content: $content) {\n      ...CommentFields\n      video {\n        id\n        commentCount\n      }\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      id\n      commentCount\n    }\n  }\n": typeof types.DeleteCommentDocument,
    "\n  subscription CommentAdded($videoId: ID!) {\n    commentAdded(videoId: $videoId) {\n      ...CommentFields\n    }\n  }\n": typeof types.CommentAddedDocument,
    "\n  subscription CommentDeleted($videoId: ID!) {\n    commentDeleted(videoId: $videoId)\n  }\n": typeof types.CommentDeletedDocument,
    "\n  query DanmakuWindow($videoId: ID!, $fromMs: Int!, $toMs: Int!) {\n    video(id: $videoId) {\n      id\n      danmaku(fromMs: $fromMs, toMs: $toMs) {\n        id\n        content\n        atMs\n        author {\n          id\n        }\n      }\n    }\n  }\n": typeof types.DanmakuWindowDocument,
    "\n  mutation SendDanmaku($videoId: ID!, $content: String!, $atMs: Int!) {\n    sendDanmaku(videoId: $videoId, content: $content, atMs: $atMs) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n": typeof types.SendDanmakuDocument,
    "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n": typeof types.DanmakuAddedDocument,
    "\n  query Profile($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      avatar\n      backgroundImage\n      signature\n      followCount\n      followerCount\n      isFollow\n      workCount\n      totalFavorited\n      favoriteCount\n      videos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n      likedVideos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n": typeof types.UnfollowDocument,
    "\n  mutation PublishVideo($title: String!, $file: Upload!) {\n    publishVideo(title: $title, file: $file) {\n      ...VideoFields\n    }\n  }\n": typeof types.PublishVideoDocument,
    "\n  query Friends {\n    viewer {\n      id\n      friends(first: 50) {\n        edges {\n          node {\n            id\n            name\n            avatar\n          }\n          lastMessage {\n            id\n            content\n            createdAtMs\n          }\n          lastMessageDirection\n        }\n      }\n    }\n  }\n": typeof types.FriendsDocument,
    "\n  query Conversation($peerId: ID!, $first: Int, $after: String, $createdAfterMs: Float) {\n    user(id: $peerId) {\n      id\n      name\n      avatar\n    }\n    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConversationDocument,
    "\n  mutation SendMessage($toUserId: ID!, $content: String!) {\n    sendMessage(toUserId: $toUserId, content: $content) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  subscription MessageReceived($peerId: ID) {\n    messageReceived(peerId: $peerId) {\n      ...MessageFields\n    }\n  }\n": typeof types.MessageReceivedDocument,
};
const documents: Documents = {
    "\n  fragment VideoFields on Video {\n    id\n    title\n    playUrl\n    coverUrl\n    thumbnailUrl\n    createdAt\n    duration\n    favoriteCount\n    commentCount\n    isFavorite\n    author {\n      id\n      name\n      avatar\n      isFollow\n    }\n  }\n": types.VideoFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    content\n    createdAtMs\n    author {\n      id\n      name\n      avatar\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    content\n    createdAtMs\n    from {\n      id\n    }\n    to {\n      id\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      avatar\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...VideoFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FeedDocument,
    "\n  query Video($id: ID!) {\n    video(id: $id) {\n      ...VideoFields\n    }\n  }\n": types.VideoDocument,
    "\n  mutation LikeVideo($videoId: ID!) {\n    likeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n": types.LikeVideoDocument,
    "\n  mutation UnlikeVideo($videoId: ID!) {\n    unlikeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n": types.UnlikeVideoDocument,
    "\n  query Comments($videoId: ID!, $first: Int, $after: String) {\n    video(id: $videoId) {\n      id\n      commentCount\n      comments(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.CommentsDocument,
    "\n  mutation AddComment($videoId: ID!, $content: String!) {\n    addComment(videoId: $videoId, content: $content) {\n      ...CommentFields\n      video {\n        id\n        commentCount\n      }\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      id\n      commentCount\n    }\n  }\n": types.DeleteCommentDocument,
    "\n  subscription CommentAdded($videoId: ID!) {\n    commentAdded(videoId: $videoId) {\n      ...CommentFields\n    }\n  }\n": types.CommentAddedDocument,
    "\n  subscription CommentDeleted($videoId: ID!) {\n    commentDeleted(videoId: $videoId)\n  }\n": types.CommentDeletedDocument,
    "\n  query DanmakuWindow($videoId: ID!, $fromMs: Int!, $toMs: Int!) {\n    video(id: $videoId) {\n      id\n      danmaku(fromMs: $fromMs, toMs: $toMs) {\n        id\n        content\n        atMs\n        author {\n          id\n        }\n      }\n    }\n  }\n": types.DanmakuWindowDocument,
    "\n  mutation SendDanmaku($videoId: ID!, $content: String!, $atMs: Int!) {\n    sendDanmaku(videoId: $videoId, content: $content, atMs: $atMs) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n": types.SendDanmakuDocument,
    "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n": types.DanmakuAddedDocument,
    "\n  query Profile($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      avatar\n      backgroundImage\n      signature\n      followCount\n      followerCount\n      isFollow\n      workCount\n      totalFavorited\n      favoriteCount\n      videos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n      likedVideos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n": types.UnfollowDocument,
    "\n  mutation PublishVideo($title: String!, $file: Upload!) {\n    publishVideo(title: $title, file: $file) {\n      ...VideoFields\n    }\n  }\n": types.PublishVideoDocument,
    "\n  query Friends {\n    viewer {\n      id\n      friends(first: 50) {\n        edges {\n          node {\n            id\n            name\n            avatar\n          }\n          lastMessage {\n            id\n            content\n            createdAtMs\n          }\n          lastMessageDirection\n        }\n      }\n    }\n  }\n": types.FriendsDocument,
    "\n  query Conversation($peerId: ID!, $first: Int, $after: String, $createdAfterMs: Float) {\n    user(id: $peerId) {\n      id\n      name\n      avatar\n    }\n    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConversationDocument,
    "\n  mutation SendMessage($toUserId: ID!, $content: String!) {\n    sendMessage(toUserId: $toUserId, content: $content) {\n      ...MessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  subscription MessageReceived($peerId: ID) {\n    messageReceived(peerId: $peerId) {\n      ...MessageFields\n    }\n  }\n": types.MessageReceivedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VideoFields on Video {\n    id\n    title\n    playUrl\n    coverUrl\n    thumbnailUrl\n    createdAt\n    duration\n    favoriteCount\n    commentCount\n    isFavorite\n    author {\n      id\n      name\n      avatar\n      isFollow\n    }\n  }\n"): (typeof documents)["\n  fragment VideoFields on Video {\n    id\n    title\n    playUrl\n    coverUrl\n    thumbnailUrl\n    createdAt\n    duration\n    favoriteCount\n    commentCount\n    isFavorite\n    author {\n      id\n      name\n      avatar\n      isFollow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    content\n    createdAtMs\n    author {\n      id\n      name\n      avatar\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    content\n    createdAtMs\n    author {\n      id\n      name\n      avatar\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    content\n    createdAtMs\n    from {\n      id\n    }\n    to {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    content\n    createdAtMs\n    from {\n      id\n    }\n    to {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      avatar\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      name\n      avatar\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...VideoFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...VideoFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Video($id: ID!) {\n    video(id: $id) {\n      ...VideoFields\n    }\n  }\n"): (typeof documents)["\n  query Video($id: ID!) {\n    video(id: $id) {\n      ...VideoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikeVideo($videoId: ID!) {\n    likeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n"): (typeof documents)["\n  mutation LikeVideo($videoId: ID!) {\n    likeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikeVideo($videoId: ID!) {\n    unlikeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikeVideo($videoId: ID!) {\n    unlikeVideo(videoId: $videoId) {\n      id\n      favoriteCount\n      isFavorite\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Comments($videoId: ID!, $first: Int, $after: String) {\n    video(id: $videoId) {\n      id\n      commentCount\n      comments(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Comments($videoId: ID!, $first: Int, $after: String) {\n    video(id: $videoId) {\n      id\n      commentCount\n      comments(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($videoId: ID!, $content: String!) {\n    addComment(videoId: $videoId, content: $content) {\n      ...CommentFields\n      video {\n        id\n        commentCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($videoId: ID!, $content: String!) {\n    addComment(videoId: $videoId, content: $content) {\n      ...CommentFields\n      video {\n        id\n        commentCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      id\n      commentCount\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      id\n      commentCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentAdded($videoId: ID!) {\n    commentAdded(videoId: $videoId) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  subscription CommentAdded($videoId: ID!) {\n    commentAdded(videoId: $videoId) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentDeleted($videoId: ID!) {\n    commentDeleted(videoId: $videoId)\n  }\n"): (typeof documents)["\n  subscription CommentDeleted($videoId: ID!) {\n    commentDeleted(videoId: $videoId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DanmakuWindow($videoId: ID!, $fromMs: Int!, $toMs: Int!) {\n    video(id: $videoId) {\n      id\n      danmaku(fromMs: $fromMs, toMs: $toMs) {\n        id\n        content\n        atMs\n        author {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DanmakuWindow($videoId: ID!, $fromMs: Int!, $toMs: Int!) {\n    video(id: $videoId) {\n      id\n      danmaku(fromMs: $fromMs, toMs: $toMs) {\n        id\n        content\n        atMs\n        author {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendDanmaku($videoId: ID!, $content: String!, $atMs: Int!) {\n    sendDanmaku(videoId: $videoId, content: $content, atMs: $atMs) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendDanmaku($videoId: ID!, $content: String!, $atMs: Int!) {\n    sendDanmaku(videoId: $videoId, content: $content, atMs: $atMs) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DanmakuAdded($videoId: ID!) {\n    danmakuAdded(videoId: $videoId) {\n      id\n      content\n      atMs\n      author {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      avatar\n      backgroundImage\n      signature\n      followCount\n      followerCount\n      isFollow\n      workCount\n      totalFavorited\n      favoriteCount\n      videos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n      likedVideos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      avatar\n      backgroundImage\n      signature\n      followCount\n      followerCount\n      isFollow\n      workCount\n      totalFavorited\n      favoriteCount\n      videos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n      likedVideos(first: 30) {\n        edges {\n          node {\n            id\n            title\n            thumbnailUrl\n            favoriteCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n"): (typeof documents)["\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n"): (typeof documents)["\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      id\n      isFollow\n      followerCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishVideo($title: String!, $file: Upload!) {\n    publishVideo(title: $title, file: $file) {\n      ...VideoFields\n    }\n  }\n"): (typeof documents)["\n  mutation PublishVideo($title: String!, $file: Upload!) {\n    publishVideo(title: $title, file: $file) {\n      ...VideoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Friends {\n    viewer {\n      id\n      friends(first: 50) {\n        edges {\n          node {\n            id\n            name\n            avatar\n          }\n          lastMessage {\n            id\n            content\n            createdAtMs\n          }\n          lastMessageDirection\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Friends {\n    viewer {\n      id\n      friends(first: 50) {\n        edges {\n          node {\n            id\n            name\n            avatar\n          }\n          lastMessage {\n            id\n            content\n            createdAtMs\n          }\n          lastMessageDirection\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversation($peerId: ID!, $first: Int, $after: String, $createdAfterMs: Float) {\n    user(id: $peerId) {\n      id\n      name\n      avatar\n    }\n    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversation($peerId: ID!, $first: Int, $after: String, $createdAfterMs: Float) {\n    user(id: $peerId) {\n      id\n      name\n      avatar\n    }\n    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($toUserId: ID!, $content: String!) {\n    sendMessage(toUserId: $toUserId, content: $content) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($toUserId: ID!, $content: String!) {\n    sendMessage(toUserId: $toUserId, content: $content) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageReceived($peerId: ID) {\n    messageReceived(peerId: $peerId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription MessageReceived($peerId: ID) {\n    messageReceived(peerId: $peerId) {\n      ...MessageFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;