/**
 * Every operation the web client sends (apps/web/src/graphql/operations.ts) is one the gateway
 * accepts with room to spare: valid against the schema it is typed from, and within 70% of each
 * operation limit (depth, aliases, directives, tokens, cost), as compat-rest's documents are.
 */
import { operationLimits, type OperationLimits } from '@reel/gateway/limits';
import { estimateCost } from '@reel/gateway/operation-cost';
import { operationLimitRules, parseOptions } from '@reel/gateway/operation-limits';
import {
  buildSchema,
  type FragmentDefinitionNode,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  specifiedRules,
  validate,
} from 'graphql';
import { webClientSchemaSdl } from '../apps/web/codegen-schema';
import * as generated from '../apps/web/src/generated/graphql';

const MARGIN = 0.7;
const tightened: OperationLimits = {
  ...operationLimits,
  maxTokens: Math.floor(operationLimits.maxTokens * MARGIN),
  maxDepth: Math.floor(operationLimits.maxDepth * MARGIN),
  maxAliases: Math.floor(operationLimits.maxAliases * MARGIN),
  maxDirectives: Math.floor(operationLimits.maxDirectives * MARGIN),
  maxCost: Math.floor(operationLimits.maxCost * MARGIN),
};
const schema = buildSchema(webClientSchemaSdl());
// a value for each required variable type the app uses
const sample: Record<string, unknown> = { ID: '1', String: 'text', Int: 1, Float: 1, Upload: {} };

const operations = Object.entries(generated).flatMap(([name, value]) => {
  const document = value as { kind?: string; definitions?: unknown[] };
  if (!name.endsWith('Document') || document.kind !== Kind.DOCUMENT) return [];
  return [[name, print(document as never)] as const];
});

it('finds the operations', () => {
  expect(operations.length).toBeGreaterThanOrEqual(20);
});

it.each(operations)('%s', (_name, source) => {
  const document = parse(source, parseOptions(tightened));
  expect(
    validate(schema, document, [...specifiedRules, ...operationLimitRules(tightened)]).map(
      (error) => error.message,
    ),
  ).toEqual([]);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const raw = Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE)
      .map((definition) => {
        const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : null;
        const typeName = type?.kind === Kind.NAMED_TYPE ? type.name.value : 'String';
        return [definition.variable.name.value, sample[typeName]];
      }),
  );
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  expect(variables.errors).toBeUndefined();
  const cost = estimateCost({
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
    variables: variables.coerced ?? {},
    assumedPageSize: operationLimits.assumedPageSize,
  });
  expect(cost).toBeLessThanOrEqual(tightened.maxCost);
});
