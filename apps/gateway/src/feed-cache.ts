import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  type FragmentDefinitionNode,
  getNullableType,
  getVariableValues,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FieldNode,
} from 'graphql';
import type { Redis } from 'ioredis';
import { cacheKeys, type Logger, RedisVersionStore, VersionedCache } from '@reel/common';
import type { GatewayContext } from './context';
import { limits } from './limits';

/*
 * The GraphQL `feed` page cache: compat-rest's feed-pages mechanism (VersionedCache on the
 * `feed`, `video:<id>` and `user:<id>` version keys, README "Caches and consistency") applied to
 * the gateway's executor, so every plugin (operation limits, rate limits, account check, metrics,
 * error masking) runs on a hit as on a miss: only the query plan and the subgraph fetches are
 * skipped. What is cached, and why that is enough:
 *   - anonymous requests only: a viewer's isFavorite/isFollow (and anything else read as the
 *     viewer) is never stored, so it can never be served to anyone else;
 *   - operations whose root selects only `feed` (and __typename), reading no field whose changes
 *     bump no version key (FIELDS_WITHOUT_VERSIONS);
 *   - results without errors whose every Video and User object carries its `id`: the entry
 *     records `feed` plus the version key of each of them, so a like, comment, follow or publish
 *     (which bump those keys after commit, before answering) fails the entry's next check in any
 *     process.
 */

// fields whose changes no write bumps a version for: danmaku (sendDanmaku bumps nothing) and
// friends (each edge carries the viewer's newest message)
const FIELDS_WITHOUT_VERSIONS = new Set(['danmaku', 'friends']);

// the types whose objects record a version key; every other object type under `feed` is a
// connection, an edge or a comment, which changes only with the video or user holding it
const VERSIONED_TYPES: Record<string, (id: string) => string> = {
  Video: cacheKeys.video,
  User: cacheKeys.user,
};

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** A result that must reach its client but not the cache (errors, objects without an id). */
class Uncacheable extends Error {
  constructor(readonly result: GatewayExecutionResult) {
    super('uncacheable feed result');
  }
}

/** The GraphQL feed page cache of this process, on the version keys in `redis`. */
export function createFeedCache(redis: Redis, log: Logger) {
  const pages = new VersionedCache<GatewayExecutionResult>(new RedisVersionStore(redis), {
    maxEntries: limits.feedCache.maxEntries,
    maxAgeMs: limits.feedCache.maxAgeMs,
    log,
    name: 'graphql-feed',
  });
  // Apollo keeps parsed documents, so an operation node is met again on every repeat of a query
  const feedOnly = new WeakMap<OperationDefinitionNode, boolean>();

  function keyOf(requestContext: GatewayGraphQLRequestContext): string | null {
    const { operation, document, schema, request, queryHash } = requestContext;
    const context = requestContext.context as Partial<GatewayContext>;
    if (!operation || context.viewer !== null || context.authorization !== undefined) return null;
    let cacheable = feedOnly.get(operation);
    if (cacheable === undefined) {
      cacheable = isFeedOnly(operation, fragmentsOf(document.definitions));
      feedOnly.set(operation, cacheable);
    }
    if (!cacheable) return null;
    const variables = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      request.variables ?? {},
    );
    // invalid variables are the executor's to answer
    if (variables.errors) return null;
    return `${queryHash}\n${requestContext.operationName ?? ''}\n${stableJson(variables.coerced)}`;
  }

  function cachingExecutor(execute: GatewayExecutor): GatewayExecutor {
    return async (requestContext) => {
      const key = keyOf(requestContext);
      if (key === null) return execute(requestContext);
      const load = async () => {
        const result = await execute(requestContext);
        if (result.errors?.length || !result.data) throw new Uncacheable(result);
        const { schema, operation, document } = requestContext;
        const deps = versionKeysOf(
          schema,
          operation!,
          fragmentsOf(document.definitions),
          result.data,
        );
        if (!deps) throw new Uncacheable(result);
        // the data alone: extensions belong to the request that asked (a trace, a cost)
        return { value: { data: result.data }, deps };
      };
      try {
        // a copy: Apollo and the plugins may set `errors` or `extensions` on what they get
        return { ...(await pages.get(key, [cacheKeys.feed], load)) };
      } catch (error) {
        if (error instanceof Uncacheable) return error.result;
        throw error;
      }
    };
  }

  return {
    /** The cache itself: its hit and load counts (tests, the bench). */
    pages,
    /** `gateway` with its executor answering cacheable feed operations from the cache. */
    wrap(gateway: GatewayInterface): GatewayInterface {
      return {
        async load(options) {
          const loaded = await gateway.load(options);
          return { ...loaded, executor: loaded.executor && cachingExecutor(loaded.executor) };
        },
        onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
        stop: () => gateway.stop(),
      };
    },
  };
}

export type FeedCache = ReturnType<typeof createFeedCache>;

function fragmentsOf(definitions: readonly { kind: string }[]): Fragments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  return fragments;
}

/**
 * A query whose root fields are `feed` (at least once) and `__typename`, with no root fragment,
 * and which nowhere selects a field in FIELDS_WITHOUT_VERSIONS.
 */
export function isFeedOnly(operation: OperationDefinitionNode, fragments: Fragments): boolean {
  if (operation.operation !== 'query') return false;
  const root = operation.selectionSet.selections;
  const rootFields = root.filter((selection) => selection.kind === Kind.FIELD);
  if (rootFields.length !== root.length) return false;
  if (!rootFields.some((field) => field.name.value === 'feed')) return false;
  if (!rootFields.every((field) => ['feed', '__typename'].includes(field.name.value))) return false;
  const seen = new Set<string>();
  const covered = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD)
        return (
          !FIELDS_WITHOUT_VERSIONS.has(selection.name.value) &&
          (!selection.selectionSet || covered(selection.selectionSet))
        );
      if (selection.kind === Kind.INLINE_FRAGMENT) return covered(selection.selectionSet);
      if (seen.has(selection.name.value)) return true;
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      return fragment !== undefined && covered(fragment.selectionSet);
    });
  return covered(operation.selectionSet);
}

/**
 * The version keys of a result: `video:<id>` and `user:<id>` of every Video and User object in
 * it, read through the operation's selection and the schema's types. Null when one of them has
 * no `id` in the result (its key is unknown) or an abstract type would need `__typename`.
 */
export function versionKeysOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  data: Record<string, unknown>,
): string[] | null {
  const keys = new Set<string>();
  const visit = (
    type: GraphQLOutputType,
    selectionSet: SelectionSetNode | undefined,
    value: unknown,
  ): boolean => {
    if (value === null || value === undefined) return true;
    const nullable = getNullableType(type);
    if (isListType(nullable))
      return (
        Array.isArray(value) &&
        value.every((item) => visit(nullable.ofType as GraphQLOutputType, selectionSet, item))
      );
    if (isAbstractType(nullable)) return false;
    if (!isObjectType(nullable) || !selectionSet) return true;
    const fields = fieldsOf(schema, nullable.name, selectionSet, fragments);
    if (!fields) return false;
    const object = value as Record<string, unknown>;
    const versionKey = VERSIONED_TYPES[nullable.name];
    if (versionKey) {
      const idField = fields.find((field) => field.name.value === 'id');
      const id = idField && object[(idField.alias ?? idField.name).value];
      if (typeof id !== 'string') return false;
      keys.add(versionKey(id));
    }
    const definitions = nullable.getFields();
    return fields.every((field) => {
      if (field.name.value.startsWith('__')) return true;
      const definition = definitions[field.name.value];
      if (!definition) return false;
      return visit(definition.type, field.selectionSet, object[(field.alias ?? field.name).value]);
    });
  };
  const query = schema.getQueryType();
  if (!query || !visit(query, operation.selectionSet, data)) return null;
  return [...keys];
}

/**
 * The fields a selection set asks of an object of `typeName`, fragments flattened. Null for a
 * fragment on an abstract type (which would need the object's __typename to apply).
 */
function fieldsOf(
  schema: GraphQLSchema,
  typeName: string,
  selectionSet: SelectionSetNode,
  fragments: Fragments,
): FieldNode[] | null {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode): boolean =>
    set.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
        return true;
      }
      let condition: string | undefined;
      let inner: SelectionSetNode;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        condition = selection.typeCondition?.name.value;
        inner = selection.selectionSet;
      } else {
        if (seen.has(selection.name.value)) return true;
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (!fragment) return false;
        condition = fragment.typeCondition.name.value;
        inner = fragment.selectionSet;
      }
      if (condition === undefined || condition === typeName) return collect(inner);
      const conditionType = schema.getType(condition);
      return conditionType !== undefined && !isAbstractType(conditionType);
    });
  return collect(selectionSet) ? fields : null;
}

/** JSON with object keys sorted: equal variables, equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}
