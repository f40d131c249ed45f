import { readFileSync } from 'node:fs';
import { douyinEndpoints } from '@reel/compat-rest/endpoints/index';
import { type OperationLimits, operationLimits } from '@reel/gateway/limits';
import { estimateCost } from '@reel/gateway/operation-cost';
import { operationLimitRules, parseOptions } from '@reel/gateway/operation-limits';
import { apiSchemaOf, supergraphFile } from '@reel/schema';
import { videos } from '@reel/video-subgraph/db/schema';
import { errorCodes, graphql, seeder } from '@reel/testkit';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getIntrospectionQuery,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { captureLogs, ERROR_LEVEL, type Stack, startStack } from './harness';

// a full collection before each RSS reading, so garbage not yet collected is not counted as growth
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const limits = operationLimits;

/** A chain `video → author → videos(first: 1) → edges → node → author → …` exactly `depth` deep. */
function nestedQuery(depth: number, videoId: string): string {
  const repeat = ['author', 'videos(first: 1)', 'edges', 'node'];
  const levels = [`video(id: "${videoId}")`];
  while (levels.length < depth - 1) levels.push(repeat[(levels.length - 1) % repeat.length]!);
  return `{ ${levels.map((level) => `${level} {`).join(' ')} __typename ${'} '.repeat(depth - 1)}}`;
}

/** `user → videos(first: n) → … → author → videos(first: n) → … → id`: cost grows with n². */
const nestedPages = (userId: string, first: number) =>
  `{ user(id: "${userId}") { videos(first: ${first}) { edges { node { author { videos(first: ${first}) { edges { node { id } } } } } } } } }`;

const aliasedVideos = (count: number, videoId: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `v${i}: video(id: "${videoId}") { id }`).join(' ')} }`;

/** What the realtime edge answers a subscribe message with, when it refuses it. */
async function subscriptionErrors(stack: Stack, query: string): Promise<unknown> {
  const client = createClient({
    url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: (value) => reject(new Error(`unexpected data: ${JSON.stringify(value)}`)),
          error: resolve,
          complete: () => reject(new Error('completed without an error')),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

const refused = (
  message: string,
  reason = 'GRAPHQL_VALIDATION_FAILED',
  located: Record<string, unknown> = {},
) => ({
  status: 400,
  errors: [{ message, ...located, extensions: { code: 'BAD_USER_INPUT', reason } }],
});

describe('every compat-rest operation fits well inside the limits (70% of each)', () => {
  const schema = apiSchemaOf(readFileSync(supergraphFile, 'utf8'));
  const MARGIN = 0.7;
  const tightened: OperationLimits = {
    ...limits,
    maxTokens: Math.floor(limits.maxTokens * MARGIN),
    maxDepth: Math.floor(limits.maxDepth * MARGIN),
    maxAliases: Math.floor(limits.maxAliases * MARGIN),
    maxDirectives: Math.floor(limits.maxDirectives * MARGIN),
    maxCost: Math.floor(limits.maxCost * MARGIN),
  };
  // every param any endpoint reads, so each builds the variables it really sends
  const params = new Map([
    ['user_id', '7'],
    ['latest_time', '1700000000000'],
    ['username', 'someone'],
    ['password', 'secret-pass'],
    ['title', 'a title'],
    ['video_id', '8'],
    ['comment_text', 'a comment'],
    ['comment_id', '9'],
    ['to_user_id', '10'],
    ['content', 'a message'],
    ['pre_msg_time', '1700000000000'],
    // the one action_type of /douyin/message/action/ (two-operation endpoints try both, below)
    ['action_type', '1'],
  ]);
  // an endpoint whose document holds one operation per action_type is checked for each
  const actionTypes = ['1', '2'];

  const operationsOf = (document: DocumentNode) =>
    document.definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
  const costOf = (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    raw: Record<string, unknown>,
  ) => {
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
    if (variables.errors) throw variables.errors[0];
    return estimateCost({
      schema,
      operation,
      fragments: Object.fromEntries(
        document.definitions
          .filter(
            (definition): definition is FragmentDefinitionNode =>
              definition.kind === Kind.FRAGMENT_DEFINITION,
          )
          .map((fragment) => [fragment.name.value, fragment]),
      ),
      variables: variables.coerced,
      assumedPageSize: limits.assumedPageSize,
    });
  };

  it.each(douyinEndpoints.map((endpoint) => [endpoint.path, endpoint] as const))(
    '%s',
    (_path, endpoint) => {
      const document = parse(endpoint.document, parseOptions(tightened));
      expect(
        validate(schema, document, [...specifiedRules, ...operationLimitRules(tightened)]).map(
          (error) => error.message,
        ),
      ).toEqual([]);
      const operations = operationsOf(document);
      for (const actionType of operations.length > 1 ? actionTypes : [undefined]) {
        const get = (name: string) =>
          name === 'action_type' && actionType ? actionType : params.get(name);
        const { operationName, variables } = endpoint.request({ get });
        // the upload travels as a multipart file; any value stands in for it here
        if (endpoint.upload) variables[endpoint.upload.variable] = 'file';
        const operation = operations.find((o) => !operationName || o.name?.value === operationName);
        expect(costOf(document, operation!, variables)).toBeLessThanOrEqual(tightened.maxCost);
      }
    },
  );

  it('so does the introspection query of Sandbox and codegen (outside production)', () => {
    const document = parse(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
      parseOptions(tightened),
    );
    expect(validate(schema, document, operationLimitRules(tightened))).toEqual([]);
    expect(costOf(document, operationsOf(document)[0]!, {})).toBeLessThanOrEqual(tightened.maxCost);
  });
});

describe.each(['remote', 'in-process'])('RELIABILITY rows 1-4, subgraphs %s', (topology) => {
  let stack: Stack;
  const logs = captureLogs();
  let author: { id: string };
  let videoId: string;
  beforeAll(async () => {
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: topology, LOG_LEVEL: 'warn' },
      { logDestination: logs },
    );
    author = (await seeder(stack.gatewayUrl).user()).user;
    const [inserted] = await stack.subgraphs.video.mysql.db
      .insert(videos)
      .values(fakeVideoRow(Number(author.id), 'limits', new Date(Date.now() - 60_000)))
      .$returningId();
    videoId = String(inserted!.id);
  });
  afterAll(() => stack.close());

  /** Operations the subgraphs received while `send` ran. */
  async function subgraphCallsDuring<T>(send: () => Promise<T>): Promise<[T, number]> {
    const count = () =>
      stack.subgraphs.user.operations.count + stack.subgraphs.video.operations.count;
    const before = count();
    const result = await send();
    return [result, count() - before];
  }

  it(`refuses depth ${limits.maxDepth + 1} before any subgraph call, and answers depth ${limits.maxDepth}`, async () => {
    const [tooDeep, callsTooDeep] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, nestedQuery(limits.maxDepth + 1, videoId)),
    );
    expect(tooDeep).toEqual(
      refused(`Query depth limit of ${limits.maxDepth} exceeded, found ${limits.maxDepth + 1}.`),
    );
    expect(callsTooDeep).toBe(0);

    const [deepest, callsDeepest] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, nestedQuery(limits.maxDepth, videoId)),
    );
    const edge = (node: unknown) => ({ videos: { edges: [{ node }] } });
    expect(deepest).toEqual({
      status: 200,
      data: { video: { author: edge({ author: edge({ __typename: 'Video' }) }) } },
    });
    expect(callsDeepest).toBeGreaterThan(0);
  });

  it('refuses 1000 aliases (at the token limit, long before the alias limit) and one alias over the limit; 20 aliases run', async () => {
    const [flood, floodCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, aliasedVideos(1000, videoId)),
    );
    expect(flood).toEqual(
      refused(`Token limit of ${limits.maxTokens} exceeded`, 'GRAPHQL_PARSE_FAILED', {
        locations: [expect.any(Object)],
      }),
    );
    const [overLimit, overLimitCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, aliasedVideos(limits.maxAliases + 1, videoId)),
    );
    expect(overLimit).toEqual(
      refused(`Aliases limit of ${limits.maxAliases} exceeded, found ${limits.maxAliases + 1}.`),
    );
    expect([floodCalls, overLimitCalls]).toEqual([0, 0]);

    const twenty = await graphql<Record<string, { id: string }>>(
      stack.gatewayUrl,
      aliasedVideos(20, videoId),
    );
    expect(twenty.status).toBe(200);
    expect(Object.values(twenty.data!)).toEqual(Array(20).fill({ id: videoId }));
  });

  it('refuses token and directive floods, and one directive over the limit', async () => {
    const tokenLimit = refused(
      `Token limit of ${limits.maxTokens} exceeded`,
      'GRAPHQL_PARSE_FAILED',
      {
        locations: [expect.any(Object)],
      },
    );
    const [tokens, tokenCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, `{ ${'a '.repeat(5000)}}`),
    );
    expect(tokens).toEqual(tokenLimit);
    // CVE-2023-49559's shape: 100 000 directives on one field
    const [directives, directiveCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, `{ __typename ${'@a '.repeat(100_000)}}`),
    );
    expect(directives).toEqual(tokenLimit);

    const overLimit = Array.from(
      { length: limits.maxDirectives + 1 },
      (_, i) => `t${i}: __typename @include(if: true)`,
    ).join(' ');
    const [directiveLimit, directiveLimitCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, `{ ${overLimit} }`),
    );
    expect(directiveLimit).toEqual(
      refused(
        `Directives limit of ${limits.maxDirectives} exceeded, found ${limits.maxDirectives + 1}.`,
      ),
    );
    expect([tokenCalls, directiveCalls, directiveLimitCalls]).toEqual([0, 0, 0]);
  });

  it('refuses an operation over the cost limit before any subgraph call; a small page of the same shape runs', async () => {
    // 2 + 100 × (edge, node, author, inner videos 1 + 100 × (edge, node))
    const [costly, costlyCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, nestedPages(author.id, 100)),
    );
    expect(costly).toEqual({
      status: 400,
      errors: [
        {
          message: `Query cost limit of ${limits.maxCost} exceeded, estimated 20402`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(costlyCalls).toBe(0);

    const page = {
      edges: [{ node: { author: { videos: { edges: [{ node: { id: videoId } }] } } } }],
    };
    expect(await graphql(stack.gatewayUrl, nestedPages(author.id, 5))).toEqual({
      status: 200,
      data: { user: { videos: page } },
    });
  });

  // row 4's shape, from one video: from the feed, edges and nodes make it deeper than maxDepth
  it('refuses comments(first: 100) → author → followers(first: 100) before any subgraph call; first: 5 runs', async () => {
    const shape = (first: number) =>
      `{ video(id: "${videoId}") { comments(first: ${first}) { edges { node { author { followers(first: ${first}) { edges { node { id } } } } } } } } }`;
    // video 1 + comments 1 + 100 × (edge, node, author, followers 1 + 100 × (edge, node))
    const [costly, costlyCalls] = await subgraphCallsDuring(() =>
      graphql(stack.gatewayUrl, shape(100)),
    );
    expect(costly).toEqual({
      status: 400,
      errors: [
        {
          message: `Query cost limit of ${limits.maxCost} exceeded, estimated 20402`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(costlyCalls).toBe(0);
    expect(await graphql(stack.gatewayUrl, shape(5))).toEqual({
      status: 200,
      data: { video: { comments: { edges: [] } } },
    });
  });

  it('refuses two register/login fields in one mutation before any subgraph call', async () => {
    const twoAccounts =
      'mutation { a: register(username: "limits_a", password: "secret-1") { token } b: register(username: "limits_b", password: "secret-1") { token } }';
    const registerAndLogin =
      'mutation { register(username: "limits_c", password: "secret-1") { token } login(username: "limits_c", password: "secret-1") { token } }';
    for (const mutation of [twoAccounts, registerAndLogin]) {
      const [response, calls] = await subgraphCallsDuring(() =>
        graphql(stack.gatewayUrl, mutation),
      );
      expect(response).toEqual(
        refused(
          `Credential field limit of ${limits.maxCredentialFields} exceeded, found 2: send one register/login per operation`,
          'GRAPHQL_VALIDATION_FAILED',
          { locations: [{ line: 1, column: 1 }] },
        ),
      );
      expect(calls).toBe(0);
    }
  });

  it('grows the gateway RSS by less than 50 MB across 50 token and directive floods', async () => {
    // the stack's gateway runs in this process; RSS is a count of pages, asserted with margin
    const floods = [`{ ${'a '.repeat(5000)}}`, `{ __typename ${'@a '.repeat(100_000)}}`];
    const send = async (count: number) => {
      const codes = [];
      for (let i = 0; i < count; i += 1)
        codes.push(errorCodes(await graphql(stack.gatewayUrl, floods[i % 2]!)));
      return codes;
    };
    await send(10); // first-use allocations (JIT, buffers, heap sizing) are not growth
    collectGarbage();
    const before = process.memoryUsage.rss();
    const codes = await send(50);
    collectGarbage();
    const grownMB = (process.memoryUsage.rss() - before) / 1e6;
    console.log(`RSS grew ${grownMB.toFixed(1)} MB across 50 floods (${topology})`);
    expect(codes).toEqual(Array(50).fill(['BAD_USER_INPUT']));
    expect(grownMB).toBeLessThan(50);
  });

  it('holds subscriptions over WebSocket to the same token and validation limits', async () => {
    expect(await subscriptionErrors(stack, `subscription { ${'a '.repeat(5000)}}`)).toEqual([
      {
        message: `Token limit of ${limits.maxTokens} exceeded`,
        extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
    expect(await subscriptionErrors(stack, nestedQuery(limits.maxDepth + 1, videoId))).toEqual([
      {
        message: `Query depth limit of ${limits.maxDepth} exceeded, found ${limits.maxDepth + 1}.`,
        extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('logged no error and no stack for any of these refusals', () => {
    // outbox relays poll in the background, and retry (with a warning) when a loaded machine
    // makes MySQL slow: not a refusal's doing
    const refusals = logs.lines.filter((line) => line.msg !== 'outbox relay: will retry');
    expect(refusals.filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
    expect(refusals.filter((line) => JSON.stringify(line).includes('"stack"'))).toEqual([]);
  });
});

describe('RELIABILITY row 4: the cost limit in measure mode', () => {
  let stack: Stack;
  const logs = captureLogs();
  beforeAll(async () => {
    stack = await startStack(
      { GATEWAY_SUBGRAPHS: 'in-process', GATEWAY_COST_MODE: 'measure', LOG_LEVEL: 'warn' },
      { logDestination: logs },
    );
  });
  afterAll(() => stack.close());

  it('runs operations over the limit, reports every estimate and warns of those over it', async () => {
    const { user } = await seeder(stack.gatewayUrl).user();
    const within = await graphql(stack.gatewayUrl, nestedPages(user.id, 5));
    expect(within).toEqual({
      status: 200,
      data: { user: { videos: { edges: [] } } },
      extensions: { cost: { estimated: 72, max: limits.maxCost } },
    });
    const over = await graphql(stack.gatewayUrl, nestedPages(user.id, 50));
    expect(over).toEqual({
      status: 200,
      data: { user: { videos: { edges: [] } } },
      extensions: { cost: { estimated: 5202, max: limits.maxCost } },
    });
    expect(logs.lines.filter((line) => line.msg?.includes('cost limit'))).toEqual([
      expect.objectContaining({ level: 40, estimatedCost: 5202, maxCost: limits.maxCost }),
    ]);
  });
});
