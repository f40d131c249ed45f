/**
 * The schema the web client's operations are typed against: the supergraph's API schema (what
 * the gateway exposes), plus the subscription fields of src/graphql/expected-subscriptions.graphql
 * the supergraph does not declare yet. Used by the root codegen.ts at config time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  extendSchema,
  Kind,
  parse,
  print,
  printSchema,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { apiSchemaOf, supergraphFile } from '../../schema/src/compose';

const expectedFile = path.join(__dirname, 'src', 'graphql', 'expected-subscriptions.graphql');

export function webClientSchemaSdl(supergraphSdl = readFileSync(supergraphFile, 'utf8')): string {
  const api = apiSchemaOf(supergraphSdl);
  const expected = parse(readFileSync(expectedFile, 'utf8')).definitions.find(
    (node): node is ObjectTypeDefinitionNode =>
      node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === 'Subscription',
  );
  const declared = api.getSubscriptionType();
  const missing: FieldDefinitionNode[] = (expected?.fields ?? []).filter(
    (field) => !declared?.getFields()[field.name.value],
  );
  if (missing.length === 0) return printSchema(api);
  const fields = missing.map((field) => print(field)).join('\n');
  const extension = declared
    ? `extend type Subscription {\n${fields}\n}`
    : `extend schema { subscription: Subscription }\ntype Subscription {\n${fields}\n}`;
  return printSchema(extendSchema(api, parse(extension)));
}
