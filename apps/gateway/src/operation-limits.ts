import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type FloatValueNode,
  type FragmentDefinitionNode,
  getNamedType,
  getVariableValues,
  GraphQLError,
  type GraphQLFormattedError,
  type IntValueNode,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  parse,
  typeFromAST,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { Upload } from 'graphql-upload-minimal';
import type { GatewayContext } from './context';
import { type OperationLimits, operationLimits } from './limits';
import { estimateCost } from './operation-cost';

/*
 * The gateway's guards on what a client may send. They run in Apollo's pipeline before the
 * gateway's executor, which is where query planning and every subgraph call happen:
 *   parse       tokens (graphql's own parser counter: a flood is never fully parsed)
 *   validate    depth, aliases, directives (graphql-armor), credential fields, finite floats,
 *               no file literals, no introspection in a conditional fragment
 *   resolved    operation name, no subscriptions over HTTP, files only from a multipart body,
 *               cost (need the variables' values, which validation, cached per document,
 *               cannot see)
 * Every refusal is a coded client error with HTTP 400; none of them is logged as an error.
 */

export const parseOptions = (limits: OperationLimits = operationLimits): ParseOptions => ({
  maxTokens: limits.maxTokens,
});

/**
 * graphql's parser says "Document contains more that N tokens"; clients get the limit's name,
 * as for every other limit.
 */
export function namingTokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  return tokens ? { ...formatted, message: `Token limit of ${tokens[1]} exceeded` } : formatted;
}

// armor's rules throw "Syntax Error: …" out of validation by default (a 500 in Apollo);
// reported instead, they become 400 GRAPHQL_VALIDATION_FAILED like any invalid document
const reported = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
  ],
};

/** The validation rules, added to graphql's own; `limits` is a parameter so tests can tighten it. */
export function operationLimitRules(limits: OperationLimits = operationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reported }),
    maxAliasesRule({ n: limits.maxAliases, ...reported }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reported }),
    credentialFieldsRule(limits),
    finiteFloatsRule,
    uploadLiteralsRule,
    conditionalIntrospectionRule,
  ];
}

/**
 * graphql's validate() throws, rather than reports, on an `@include`/`@skip` of a subscription's
 * root selection whose `if` is not a Boolean literal (a variable, missing, another value): its
 * single-root-field rule evaluates them with no variables (and Apollo would answer that with a
 * 500). The client's mistake, found before validation.
 */
export function subscriptionRootMistake(document: DocumentNode): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const seen = new Set<string>();
  // the first root condition graphql cannot evaluate without variables, or undefined
  const unevaluable = (selectionSet: SelectionSetNode): 'variable' | 'literal' | undefined => {
    for (const selection of selectionSet.selections) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'include' && directive.name.value !== 'skip') continue;
        const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
        if (condition?.value.kind === Kind.VARIABLE) return 'variable';
        if (condition?.value.kind !== Kind.BOOLEAN) return 'literal';
      }
      let inner: SelectionSetNode | undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        inner = fragments.get(selection.name.value)?.selectionSet;
      }
      const found = inner && unevaluable(inner);
      if (found) return found;
    }
    return undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'subscription')
      continue;
    const found = unevaluable(definition.selectionSet);
    if (!found) continue;
    return new GraphQLError(
      found === 'variable'
        ? "A subscription's root field cannot be included or skipped by a variable"
        : "@include and @skip on a subscription's root field take if: true or if: false",
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return null;
}

/**
 * The same check for an HTTP request, from its query text (parsed again only when it may name a
 * subscription): thrown as a 400 from the request's context, before Apollo validates.
 */
export function refuseSubscriptionRootMistake(body: unknown): void {
  const query = (body as { query?: unknown } | null | undefined)?.query;
  if (typeof query !== 'string' || !query.includes('subscription')) return;
  let document: DocumentNode;
  try {
    document = parse(query, parseOptions());
  } catch {
    return; // Apollo answers the syntax error itself
  }
  const mistake = subscriptionRootMistake(document);
  if (mistake) throw refusal('BAD_USER_INPUT', mistake.message);
}

/**
 * At most `maxCredentialFields` register/login fields per operation: aliases would otherwise turn
 * one request into hundreds of password hashes or accounts. Fields merged by GraphQL (the same
 * response name) run once and count once.
 */
function credentialFieldsRule(limits: OperationLimits): ValidationRule {
  const names = new Set(limits.credentialFields);
  return (context) => ({
    OperationDefinition(operation) {
      const responseNames = new Set<string>();
      const seenFragments = new Set<string>();
      const collect = (selectionSet: SelectionSetNode) => {
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            if (names.has(selection.name.value))
              responseNames.add(selection.alias?.value ?? selection.name.value);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            collect(selection.selectionSet);
          } else if (!seenFragments.has(selection.name.value)) {
            seenFragments.add(selection.name.value);
            const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(
              selection.name.value,
            );
            if (fragment) collect(fragment.selectionSet);
          }
        }
      };
      if (operation.operation === 'mutation') collect(operation.selectionSet);
      if (responseNames.size > limits.maxCredentialFields)
        context.reportError(
          new GraphQLError(
            `Credential field limit of ${limits.maxCredentialFields} exceeded, found ${responseNames.size}: send one ${limits.credentialFields.join('/')} per operation`,
            { nodes: operation },
          ),
        );
    },
  });
}

/**
 * graphql's Float accepts a literal like 1e309 as Infinity, which the query planner then refuses
 * with an internal error: a literal a Float cannot hold is the client's mistake. (Variables are
 * already checked: JSON's 1e309 fails Float's coercion.)
 */
const finiteFloatsRule: ValidationRule = (context) => {
  const check = (node: FloatValueNode | IntValueNode) => {
    const type = context.getInputType();
    if (!type || getNamedType(type).name !== 'Float' || Number.isFinite(Number(node.value))) return;
    const literal = node.value.length > 24 ? `${node.value.slice(0, 24)}…` : node.value;
    context.reportError(
      new GraphQLError(`Float cannot represent the non-finite value ${literal}`, { nodes: node }),
    );
  };
  return { FloatValue: check, IntValue: check };
};

/**
 * A file is a variable of a multipart request, never a literal: the gateway's Upload scalar takes
 * anything, so without this the video subgraph refused it after planning (a 400 from a subgraph,
 * which the gateway reports as an internal error).
 */
const uploadLiteralsRule: ValidationRule = (context) => {
  const check = (node: ValueNode) => {
    const type = context.getInputType();
    if (!type || getNamedType(type).name !== UPLOAD) return;
    context.reportError(
      new GraphQLError('A file cannot be written in the document: send it as a multipart upload', {
        nodes: node,
      }),
    );
  };
  return {
    StringValue: check,
    IntValue: check,
    FloatValue: check,
    BooleanValue: check,
    EnumValue: check,
    ObjectValue: check,
  };
};

const UPLOAD = 'Upload';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Apollo's query planner (2.14) fails on `__schema` or `__type` inside a fragment under
 * `@include`/`@skip` ("Was not able to find any options for __type…": an INTERNAL), though the
 * same directive on the field itself plans. Introspection is off in production; elsewhere the
 * client is told to move the directive.
 */
const conditionalIntrospectionRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const seen = new Set<string>();
    const visit = (selectionSet: SelectionSetNode, conditional: boolean) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (conditional && INTROSPECTION_ROOTS.has(selection.name.value))
            context.reportError(
              new GraphQLError(
                `${selection.name.value} cannot sit in a fragment under @include or @skip: put the directive on the field`,
                { nodes: selection },
              ),
            );
          continue;
        }
        const inner =
          conditional ||
          (selection.directives ?? []).some(
            (directive) => directive.name.value === 'include' || directive.name.value === 'skip',
          );
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, inner);
          continue;
        }
        const key = `${selection.name.value}:${inner}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fragment = context.getFragment(selection.name.value);
        if (fragment) visit(fragment.selectionSet, inner);
      }
    };
    visit(operation.selectionSet, false);
  },
});

/**
 * The first variable of type Upload whose value is not a file of the multipart request
 * (graphql-upload-minimal puts an Upload there), for the same reason as uploadLiteralsRule.
 */
function variableNotAFile(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  values: Record<string, unknown>,
): string | undefined {
  const onlyFiles = (value: unknown): boolean =>
    value === null ||
    value === undefined ||
    value instanceof Upload ||
    (Array.isArray(value) && value.every(onlyFiles));
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || getNamedType(type).name !== UPLOAD) continue;
    const name = definition.variable.name.value;
    if (!onlyFiles(values[name])) return name;
  }
  return undefined;
}

export interface OperationGuardOptions {
  limits?: OperationLimits;
  /** `measure`: nothing is refused for cost; each response reports `extensions.cost`. */
  costMode: 'enforce' | 'measure';
}

/** A coded client error thrown before execution: Apollo's default status there would be 500. */
function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** The checks that need the resolved operation and the request's variables. */
export function operationGuard(options: OperationGuardOptions): ApolloServerPlugin<GatewayContext> {
  const { limits = operationLimits, costMode } = options;
  return {
    async requestDidStart() {
      let estimated: number | undefined;
      return {
        async didResolveOperation({ operation, request, document, schema, contextValue }) {
          // the gateway would plan first and fail with an internal error
          if (!operation)
            throw refusal(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? `Unknown operation named "${request.operationName}"`
                : 'Must provide operation name if query contains multiple operations',
            );
          if (operation.operation === 'subscription')
            throw refusal(
              'BAD_USER_INPUT',
              'Subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP',
            );

          const variables = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
          );
          // the gateway answers invalid variables itself, before planning
          if (variables.errors) return;
          const notAFile = variableNotAFile(schema, operation, variables.coerced);
          if (notAFile)
            throw refusal(
              'BAD_USER_INPUT',
              `Variable "$${notAFile}" must be a file: send it as a multipart upload`,
            );
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments[definition.name.value] = definition;
          estimated = estimateCost({
            schema,
            operation,
            fragments,
            variables: variables.coerced,
            assumedPageSize: limits.assumedPageSize,
          });
          if (estimated <= limits.maxCost) return;
          if (costMode === 'enforce')
            throw refusal(
              'BAD_USER_INPUT',
              `Query cost limit of ${limits.maxCost} exceeded, estimated ${estimated}`,
            );
          contextValue.log.warn(
            { estimatedCost: estimated, maxCost: limits.maxCost },
            'operation over the cost limit (measure mode)',
          );
        },
        async willSendResponse({ response }) {
          if (costMode !== 'measure' || estimated === undefined) return;
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: { estimated, max: limits.maxCost },
          };
        },
      };
    },
  };
}
