import {
  buildSchema,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { isFeedOnly, versionKeysOf } from './feed-cache';

// the supergraph's shapes under `feed`, cut down
const schema = buildSchema(/* GraphQL */ `
  type Query {
    feed(first: Int = 30, after: String): VideoConnection!
    video(id: ID!): Video
  }
  type VideoConnection {
    edges: [VideoEdge!]!
    pageInfo: PageInfo!
  }
  type VideoEdge {
    cursor: String!
    node: Video!
  }
  type PageInfo {
    endCursor: String
  }
  type Video {
    id: ID!
    title: String!
    author: User!
    comments(first: Int = 10): CommentConnection!
    danmaku: [Danmaku!]!
  }
  type CommentConnection {
    edges: [CommentEdge!]!
  }
  type CommentEdge {
    node: Comment!
  }
  type Comment {
    id: ID!
    author: User!
  }
  type Danmaku {
    id: ID!
  }
  type User {
    id: ID!
    name: String!
  }
`);

function operationOf(source: string) {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operation = definition;
  }
  return { operation: operation!, fragments };
}

const feedOnly = (source: string) => {
  const { operation, fragments } = operationOf(source);
  return isFeedOnly(operation, fragments);
};

describe('which operations the feed cache answers', () => {
  it('a query of `feed` alone, with any sub-selection, fragments and __typename', () => {
    expect(feedOnly('{ feed { edges { node { id author { id name } } } } }')).toBe(true);
    expect(
      feedOnly(`query Feed { __typename page: feed(first: 5) { ...Page } }
        fragment Page on VideoConnection { edges { node { ... on Video { id title } } } }`),
    ).toBe(true);
  });

  it('not a query with another root field, a root fragment, a mutation or no feed', () => {
    expect(feedOnly('{ feed { edges { cursor } } video(id: 1) { id } }')).toBe(false);
    expect(feedOnly('{ ... on Query { feed { edges { cursor } } } }')).toBe(false);
    expect(feedOnly('{ __typename }')).toBe(false);
    expect(feedOnly('mutation { feed { edges { cursor } } }')).toBe(false);
  });

  it('not a feed reading a field no write bumps a version for', () => {
    expect(feedOnly('{ feed { edges { node { id danmaku { id } } } } }')).toBe(false);
    expect(
      feedOnly(`{ feed { edges { node { ...V } } } }
        fragment V on Video { id danmaku { id } }`),
    ).toBe(false);
  });
});

describe('the version keys of a feed result', () => {
  const keysOf = (source: string, data: Record<string, unknown>) => {
    const { operation, fragments } = operationOf(source);
    return versionKeysOf(schema, operation, fragments, data);
  };

  it('every video and user on the page, comment authors included, through aliases and fragments', () => {
    const keys = keysOf(
      `{ page: feed { edges { node { ...V } } } }
       fragment V on Video { key: id author { id } comments { edges { node { id author { id } } } } }`,
      {
        page: {
          edges: [
            {
              node: {
                key: '1',
                author: { id: '10' },
                comments: { edges: [{ node: { id: '100', author: { id: '11' } } }] },
              },
            },
            { node: { key: '2', author: { id: '10' }, comments: { edges: [] } } },
          ],
        },
      },
    );
    expect(keys?.sort()).toEqual(['user:10', 'user:11', 'video:1', 'video:2']);
  });

  it('none when a video or a user on the page has no id in the result', () => {
    expect(
      keysOf('{ feed { edges { node { title } } } }', {
        feed: { edges: [{ node: { title: 'a' } }] },
      }),
    ).toBeNull();
    expect(
      keysOf('{ feed { edges { node { id author { name } } } } }', {
        feed: { edges: [{ node: { id: '1', author: { name: 'a' } } }] },
      }),
    ).toBeNull();
  });

  it('an empty page depends on nothing but the feed (the caller adds `feed`)', () => {
    expect(keysOf('{ feed { edges { node { title } } } }', { feed: { edges: [] } })).toEqual([]);
  });
});
