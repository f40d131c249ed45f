import {
  buildSchema,
  type FragmentDefinitionNode,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { estimateCost } from './operation-cost';

// the supergraph's shapes, cut down: a page type, a connection, a list sized by its own `first`
const schema = buildSchema(/* GraphQL */ `
  type Query {
    video(id: ID!): Video
    user(id: ID!): User
    feed(first: Int = 30): FeedPage!
  }
  type FeedPage {
    videos: [Video!]!
    nextTime: Float!
  }
  type Video {
    id: ID!
    author: User!
  }
  type User {
    id: ID!
    name: String!
    videos(first: Int = 10, after: String): VideoConnection!
    followers(first: Int): [User!]!
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
    hasNextPage: Boolean!
  }
`);

function costOf(source: string, rawVariables: Record<string, unknown> = {}): number {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (variables.errors) throw variables.errors[0];
  return estimateCost({
    schema,
    operation,
    fragments,
    variables: variables.coerced,
    assumedPageSize: 50,
  });
}

describe('estimateCost: one per object, times the page size below `first`', () => {
  it.each([
    ['scalars and __typename are free', '{ __typename video(id: "1") { id } }', 1],
    ['an object inside an object', '{ video(id: "1") { id author { name } } }', 2],
    // feed 1 + 30 videos × (video 1 + author 1)
    ['a page sized by the SDL default', '{ feed { videos { author { name } } nextTime } }', 61],
    // user 1 + videos 1 + 10 edges × (edge 1 + node 1) + pageInfo 1
    [
      'a connection: edges sized, pageInfo not',
      '{ user(id: "1") { videos { edges { node { id } } pageInfo { hasNextPage } } } }',
      23,
    ],
    // user 1 + 50 (assumed) followers
    ['a list with `first` and no default', '{ user(id: "1") { followers { id } } }', 51],
    ['a list with a literal `first`', '{ user(id: "1") { followers(first: 3) { id } } }', 4],
    // 2 + 5 × (edge, node, author, inner videos 1 + 5 × (edge, node))
    [
      'nested connections multiply',
      '{ user(id: "1") { videos(first: 5) { edges { node { author { videos(first: 5) { edges { node { id } } } } } } } } }',
      72,
    ],
    [
      'inline fragments and fragment spreads count where they are',
      '{ video(id: "1") { ... on Video { author { ...U } } } } fragment U on User { followers(first: 2) { id } }',
      4,
    ],
  ])('%s', (_case, source, cost) => {
    expect(costOf(source)).toBe(cost);
  });

  it('reads `first` from variables, their defaults, and the SDL default when absent', () => {
    const source = 'query ($n: Int) { feed(first: $n) { videos { id } } }';
    expect(costOf(source, { n: 5 })).toBe(6);
    expect(costOf('query ($n: Int = 7) { feed(first: $n) { videos { id } } }')).toBe(8);
    expect(costOf(source)).toBe(31);
    // an explicit null leaves the size to the subgraph: assumed
    expect(costOf(source, { n: null })).toBe(51);
  });

  it('estimates a fragment once per page size, so fragments spreading twice stay cheap', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on User { followers(first: 1) { ...F${i + 1} ...F${i + 1} } }`,
    ).join(' ');
    const source = `{ user(id: "1") { ...F0 } } ${fragments} fragment F${levels} on User { id }`;
    // a duplicate spread counts twice (merged fields are not detected): 2^40, from 40 estimates
    expect(costOf(source)).toBe(2 ** levels);
  });
});
