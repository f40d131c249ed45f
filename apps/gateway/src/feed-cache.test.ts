import { randomBytes } from 'node:crypto';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import { cacheKeys, connectRedis, createLogger, RedisVersionStore } from '@reel/common';
import { parseConfig } from '@reel/common/env';
import { runEnv } from '@reel/testkit';
import {
  buildSchema,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { createFeedCache, isFeedOnly, versionKeysOf } from './feed-cache';

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

describe('the cache around the gateway executor (Redis versions)', () => {
  // a namespace of this test's own: no other test's bump of `feed` reaches these entries
  const namespace = `${runEnv().namespace}:feed-cache-${randomBytes(4).toString('hex')}`;
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace);
  afterAll(() => redis.quit());
  const log = createLogger(parseConfig({ LOG_LEVEL: 'silent' }), 'feed-cache-test');
  const FEED = '{ feed { edges { node { id author { id } } } } }';
  const page = { feed: { edges: [{ node: { id: '1', author: { id: '2' } } }] } };

  /** The cache's executor in front of one that answers `result` and counts its runs. */
  async function cachedExecutor(result: GatewayExecutionResult) {
    const cache = createFeedCache(redis, log);
    const runs = { count: 0 };
    const inner: GatewayExecutor = async () => {
      runs.count += 1;
      return result;
    };
    const gateway = cache.wrap({
      load: async () => ({ executor: inner }),
      onSchemaLoadOrUpdate: () => () => undefined,
      stop: async () => undefined,
    });
    const { executor } = await gateway.load({ apollo: {} });
    return { cache, runs, execute: executor! };
  }

  function requestOf(source: string, viewer: { id: number } | null = null) {
    const document = parse(source);
    return {
      request: { query: source, variables: {} },
      document,
      operation: document.definitions[0] as OperationDefinitionNode,
      operationName: null,
      schema,
      queryHash: source,
      context: { viewer, authorization: viewer ? 'Bearer a-token' : undefined },
    } as unknown as GatewayGraphQLRequestContext;
  }

  it('answers a repeated anonymous feed from the cache until a version of the page moves', async () => {
    const { runs, execute } = await cachedExecutor({ data: page });
    // a cold key: the first run learns the page's keys, the second builds the entry
    for (let i = 0; i < 4; i += 1) expect(await execute(requestOf(FEED))).toEqual({ data: page });
    expect(runs.count).toBe(2);
    await new RedisVersionStore(redis).bump([cacheKeys.user('2')]);
    expect(await execute(requestOf(FEED))).toEqual({ data: page });
    expect(runs.count).toBe(3);
  });

  it('never stores a result with errors', async () => {
    const failed: GatewayExecutionResult = {
      data: { feed: null },
      errors: [new GraphQLError('down')],
    };
    const { runs, execute } = await cachedExecutor(failed);
    for (let i = 0; i < 3; i += 1) expect(await execute(requestOf(FEED))).toBe(failed);
    expect(runs.count).toBe(3);
  });

  it("never reads or fills it for a viewer's request", async () => {
    const { cache, runs, execute } = await cachedExecutor({ data: page });
    for (let i = 0; i < 3; i += 1) await execute(requestOf(FEED, { id: 7 }));
    expect(runs.count).toBe(3);
    expect({ hits: cache.pages.hits, loads: cache.pages.loads }).toEqual({ hits: 0, loads: 0 });
  });
});
