import {
  buildSchema,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  parse,
  print,
  validate,
} from 'graphql';
import { lookupQuery, rootFieldOf } from './selection';

const schema = buildSchema(`
  type Query { comment(id: ID!): Comment }
  type Subscription { commentAdded(videoId: ID!): Comment! }
  type Comment { id: ID! content: String! author: User! video: Video! }
  type User { id: ID! name: String! isFollow: Boolean! }
  type Video {
    id: ID!
    "Whether the viewer likes this video."
    liked: Boolean!
    comments(first: Int): [Comment!]!
  }
`);

/** The lookup a subscription becomes, printed, with what else lookupQuery answers. */
function lookupOf(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const operation = getOperationAST(document)!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const root = rootFieldOf(operation, fragments, variables)!;
  const lookup = lookupQuery({
    schema,
    operation,
    fragments,
    root,
    lookup: { field: 'comment', argument: 'id' },
    variables,
  });
  expect(validate(schema, parse(lookup.query))).toEqual([]);
  return lookup;
}

const printed = (source: string) => print(parse(source));

describe('the lookup query a subscription is hydrated with', () => {
  it('keeps the selection under the response key, with only the fragments and variables it uses', () => {
    const lookup = lookupOf(
      `subscription Live($video: ID!, $n: Int) {
        c: commentAdded(videoId: $video) { ...Body video { comments(first: $n) { id } } }
      }
      fragment Body on Comment { id ...Who }
      fragment Who on Comment { author { name } }`,
      { video: '1', n: 2 },
    );
    expect(lookup).toEqual({
      query: printed(`query Live($id: ID!, $n: Int) {
        c: comment(id: $id) { ...Body video { comments(first: $n) { id } } }
      }
      fragment Body on Comment { id ...Who }
      fragment Who on Comment { author { name } }`),
      operationName: 'Live',
      idVariable: 'id',
      variables: { n: 2 },
      viewerDependent: false,
    });
  });

  it('names the id variable apart from the subscription’s own', () => {
    const lookup = lookupOf(
      `subscription ($id: ID!, $id2: Int) {
        commentAdded(videoId: $id) { video { comments(first: $id2) { id } } }
      }`,
      { id: '1', id2: 3 },
    );
    expect(lookup).toMatchObject({
      query: printed(`query ($id3: ID!, $id2: Int) {
        commentAdded: comment(id: $id3) { video { comments(first: $id2) { id } } }
      }`),
      idVariable: 'id3',
      variables: { id2: 3 },
    });
  });

  it('merges a root field selected more than once, through fragments on Subscription too', () => {
    const lookup = lookupOf(`subscription {
      commentAdded(videoId: 1) { id }
      ...More
      ... on Subscription { commentAdded(videoId: 1) { author { name } } }
    }
    fragment More on Subscription { commentAdded(videoId: 1) { content } }`);
    expect(lookup.query).toBe(
      printed(`query ($id: ID!) { commentAdded: comment(id: $id) { id content author { name } } }`),
    );
  });

  it('answers null when @skip or @include leave no root field', () => {
    const document = parse(
      'subscription ($on: Boolean!) { commentAdded(videoId: 1) @include(if: $on) { id } }',
    );
    const operation = getOperationAST(document)!;
    expect(rootFieldOf(operation, {}, { on: false })).toBeNull();
    expect(rootFieldOf(operation, {}, { on: true })?.responseKey).toBe('commentAdded');
  });

  it.each([
    ['a field named as per-viewer', '{ author { isFollow } }', true],
    ['a field whose description speaks of the viewer', '{ video { liked } }', true],
    ['one inside a fragment', '{ ...F } } fragment F on Comment { author { isFollow }', true],
    ['none', '{ id content author { name } video { comments { id } } }', false],
  ])('is per viewer when the selection has %s', (_case, selection, viewerDependent) => {
    expect(lookupOf(`subscription { commentAdded(videoId: 1) ${selection} }`).viewerDependent).toBe(
      viewerDependent,
    );
  });
});
