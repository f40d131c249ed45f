/**
 * Every operation the web client sends. `npm run codegen` types each one from the supergraph's
 * API schema into src/generated/ (codegen.ts); nothing here declares a response type by hand.
 */
import { graphql } from '../generated';

export const VideoFieldsFragment = graphql(`
  fragment VideoFields on Video {
    id
    title
    playUrl
    coverUrl
    thumbnailUrl
    createdAt
    duration
    favoriteCount
    commentCount
    isFavorite
    author {
      id
      name
      avatar
      isFollow
    }
  }
`);

export const CommentFieldsFragment = graphql(`
  fragment CommentFields on Comment {
    id
    content
    createdAtMs
    author {
      id
      name
      avatar
    }
  }
`);

export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    content
    createdAtMs
    from {
      id
    }
    to {
      id
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      name
      avatar
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($username: String!, $password: String!) {
    register(username: $username, password: $password) {
      token
      user {
        id
        name
      }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        id
        name
      }
    }
  }
`);

export const FeedQuery = graphql(`
  query Feed($first: Int, $after: String) {
    feed(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...VideoFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const VideoQuery = graphql(`
  query Video($id: ID!) {
    video(id: $id) {
      ...VideoFields
    }
  }
`);

export const LikeVideoMutation = graphql(`
  mutation LikeVideo($videoId: ID!) {
    likeVideo(videoId: $videoId) {
      id
      favoriteCount
      isFavorite
    }
  }
`);

export const UnlikeVideoMutation = graphql(`
  mutation UnlikeVideo($videoId: ID!) {
    unlikeVideo(videoId: $videoId) {
      id
      favoriteCount
      isFavorite
    }
  }
`);

export const CommentsQuery = graphql(`
  query Comments($videoId: ID!, $first: Int, $after: String) {
    video(id: $videoId) {
      id
      commentCount
      comments(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...CommentFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const AddCommentMutation = graphql(`
  mutation AddComment($videoId: ID!, $content: String!) {
    addComment(videoId: $videoId, content: $content) {
      ...CommentFields
      video {
        id
        commentCount
      }
    }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id) {
      id
      commentCount
    }
  }
`);

export const CommentAddedSubscription = graphql(`
  subscription CommentAdded($videoId: ID!) {
    commentAdded(videoId: $videoId) {
      ...CommentFields
    }
  }
`);

export const CommentDeletedSubscription = graphql(`
  subscription CommentDeleted($videoId: ID!) {
    commentDeleted(videoId: $videoId)
  }
`);

export const DanmakuWindowQuery = graphql(`
  query DanmakuWindow($videoId: ID!, $fromMs: Int!, $toMs: Int!) {
    video(id: $videoId) {
      id
      danmaku(fromMs: $fromMs, toMs: $toMs) {
        id
        content
        atMs
        author {
          id
        }
      }
    }
  }
`);

export const SendDanmakuMutation = graphql(`
  mutation SendDanmaku($videoId: ID!, $content: String!, $atMs: Int!) {
    sendDanmaku(videoId: $videoId, content: $content, atMs: $atMs) {
      id
      content
      atMs
      author {
        id
      }
    }
  }
`);

export const DanmakuAddedSubscription = graphql(`
  subscription DanmakuAdded($videoId: ID!) {
    danmakuAdded(videoId: $videoId) {
      id
      content
      atMs
      author {
        id
      }
    }
  }
`);

export const ProfileQuery = graphql(`
  query Profile($id: ID!) {
    user(id: $id) {
      id
      name
      avatar
      backgroundImage
      signature
      followCount
      followerCount
      isFollow
      workCount
      totalFavorited
      favoriteCount
      videos(first: 30) {
        edges {
          node {
            id
            title
            thumbnailUrl
            favoriteCount
          }
        }
      }
      likedVideos(first: 30) {
        edges {
          node {
            id
            title
            thumbnailUrl
            favoriteCount
          }
        }
      }
    }
  }
`);

export const FollowMutation = graphql(`
  mutation Follow($userId: ID!) {
    follow(userId: $userId) {
      id
      isFollow
      followerCount
    }
  }
`);

export const UnfollowMutation = graphql(`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      id
      isFollow
      followerCount
    }
  }
`);

export const PublishVideoMutation = graphql(`
  mutation PublishVideo($title: String!, $file: Upload!) {
    publishVideo(title: $title, file: $file) {
      ...VideoFields
    }
  }
`);

export const FriendsQuery = graphql(`
  query Friends {
    viewer {
      id
      friends(first: 50) {
        edges {
          node {
            id
            name
            avatar
          }
          lastMessage {
            id
            content
            createdAtMs
          }
          lastMessageDirection
        }
      }
    }
  }
`);

export const ConversationQuery = graphql(`
  query Conversation($peerId: ID!, $first: Int, $after: String, $createdAfterMs: Float) {
    user(id: $peerId) {
      id
      name
      avatar
    }
    conversation(peerId: $peerId, first: $first, after: $after, createdAfterMs: $createdAfterMs) {
      edges {
        cursor
        node {
          ...MessageFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($toUserId: ID!, $content: String!) {
    sendMessage(toUserId: $toUserId, content: $content) {
      ...MessageFields
    }
  }
`);

export const MessageReceivedSubscription = graphql(`
  subscription MessageReceived($peerId: ID) {
    messageReceived(peerId: $peerId) {
      ...MessageFields
    }
  }
`);
