import { buildSchema, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { operationLimits } from './limits';
import {
  namingTokenLimit,
  operationLimitRules,
  parseOptions,
  subscriptionRootMistake,
} from './operation-limits';

const schema = buildSchema(/* GraphQL */ `
  input Window {
    from: Float
    points: [Float!]
  }
  type Query {
    feed(latestTime: Float, first: Int): Int
    inWindow(window: Window): Int
  }
  type Subscription {
    ticks(id: ID!): Int
  }
  scalar Upload
  type Mutation {
    publish(title: String, file: Upload!): Int
    register(username: String!): Int
    login(username: String!): Int
    likeVideo(id: ID!): Int
  }
`);

const errorsOf = (source: string) =>
  validate(schema, parse(source, parseOptions()), [
    ...specifiedRules,
    ...operationLimitRules(),
  ]).map((error) => error.message);

describe('validation rules of the operation limits', () => {
  it.each([
    ['an argument', '{ feed(latestTime: 1e309) }', '1e309'],
    ['an integer literal too long for a double', `{ feed(latestTime: 1${'0'.repeat(400)}) }`, '1'],
    ['an input field', '{ inWindow(window: { from: -1e400 }) }', '-1e400'],
    ['a list item', '{ inWindow(window: { points: [1.5, 2e999] }) }', '2e999'],
  ])('refuse a non-finite Float literal in %s', (_case, source, literal) => {
    expect(errorsOf(source)).toEqual([
      expect.stringMatching(
        new RegExp(`^Float cannot represent the non-finite value ${literal.replace('-', '\\-')}`),
      ),
    ]);
  });

  it('leave finite floats and Int literals to graphql', () => {
    expect(errorsOf('{ feed(latestTime: 1.7e308, first: 3) }')).toEqual([]);
    expect(errorsOf(`{ feed(first: 1${'0'.repeat(400)}) }`)).toEqual([
      expect.stringMatching(/^Int cannot represent non 32-bit signed integer value/),
    ]);
  });

  it('allow one register/login per operation, counting aliases and fragments', () => {
    const refused = `Credential field limit of ${operationLimits.maxCredentialFields} exceeded, found 2: send one register/login per operation`;
    expect(errorsOf('mutation { register(username: "a") likeVideo(id: "1") }')).toEqual([]);
    expect(errorsOf('mutation { a: register(username: "a") b: register(username: "b") }')).toEqual([
      refused,
    ]);
    expect(
      errorsOf(
        'mutation { register(username: "a") ...L } fragment L on Mutation { login(username: "a") }',
      ),
    ).toEqual([refused]);
    // the same response name with the same arguments is merged: it runs once
    expect(errorsOf('mutation { register(username: "a") register(username: "a") }')).toEqual([]);
  });

  // found by the protocol fuzz: the video subgraph refused these after planning (an INTERNAL)
  it.each([
    ['a string', 'mutation { publish(file: "") }'],
    ['an object', 'mutation { publish(file: { name: "a.mp4" }) }'],
    ['a number', 'mutation { publish(file: 1) }'],
  ])('refuse %s written where a file goes', (_case, source) => {
    expect(errorsOf(source)).toEqual([
      'A file cannot be written in the document: send it as a multipart upload',
    ]);
  });

  it('take a file as a variable', () => {
    expect(errorsOf('mutation ($f: Upload!) { publish(title: "x", file: $f) }')).toEqual([]);
  });

  // found by the protocol fuzz: Apollo's query planner fails on these (an INTERNAL)
  it.each([
    [
      'an inline fragment',
      'query ($v: Boolean!) { ... @include(if: $v) { __type(name: "Q") { name } } }',
    ],
    ['a literal condition', '{ ... @skip(if: false) { __schema { queryType { name } } } }'],
    [
      'a named fragment, through another',
      'query ($v: Boolean!) { ...A @include(if: $v) } fragment A on Query { ...B } fragment B on Query { __type(name: "Q") { name } }',
    ],
  ])('refuse introspection in a conditional fragment: %s', (_case, source) => {
    expect(errorsOf(source)).toEqual([
      expect.stringMatching(
        /^__(type|schema) cannot sit in a fragment under @include or @skip: put the directive on the field$/,
      ),
    ]);
  });

  it('plan introspection with the condition on the field, or in an unconditional fragment', () => {
    expect(
      errorsOf(
        'query ($v: Boolean!) { __type(name: "Q") @include(if: $v) { name } ...A } fragment A on Query { __schema { queryType { name } } }',
      ),
    ).toEqual([]);
  });

  it('name the token limit in the parse error', () => {
    const source = `{ ${'feed '.repeat(operationLimits.maxTokens)}}`;
    let error: unknown;
    try {
      parse(source, parseOptions());
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect(namingTokenLimit({ message: (error as GraphQLError).message }).message).toBe(
      `Token limit of ${operationLimits.maxTokens} exceeded`,
    );
  });
});

// graphql's single-root-field rule throws (Apollo: a 500) on these instead of reporting them
describe("a subscription's root conditions graphql cannot evaluate without variables", () => {
  const mistakeOf = (source: string) => subscriptionRootMistake(parse(source))?.message;
  const literal = "@include and @skip on a subscription's root field take if: true or if: false";

  it.each([
    // found by the protocol fuzz (test/protocol-fuzz-gateway.test.ts)
    ['no if', 'subscription { ticks(id: "1") @skip }', literal],
    ['if of another type', 'subscription { ticks(id: "1") @include(if: 1.5) }', literal],
    ['a string if', 'subscription { ... @skip(if: "true") { ticks(id: "1") } }', literal],
    [
      'a variable in a spread fragment',
      'subscription ($on: Boolean!) { ...T } fragment T on Subscription { ticks(id: "1") @include(if: $on) }',
      "A subscription's root field cannot be included or skipped by a variable",
    ],
  ])('%s is refused before validation', (_case, source, message) => {
    expect(mistakeOf(source)).toBe(message);
    // the proof that the refusal is needed: graphql's validate throws on the same document
    expect(() => validate(schema, parse(source), specifiedRules)).toThrow();
  });

  it.each([
    ['a Boolean literal', 'subscription { ticks(id: "1") @skip(if: false) }'],
    [
      'a variable below the root field',
      'subscription ($x: Boolean!) { t: ticks(id: "1") @include(if: true) }',
    ],
    ['a query', 'query ($on: Boolean!) { feed @include(if: $on) @skip }'],
    [
      'a cycle of fragments',
      'subscription { ...A } fragment A on Subscription { ...A ticks(id: "1") }',
    ],
  ])('%s passes on to validation', (_case, source) => {
    expect(mistakeOf(source)).toBeUndefined();
  });
});
