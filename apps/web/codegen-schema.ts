/**
 * The schema the web client's operations are typed against: the supergraph's API schema, what the
 * gateway exposes (its Subscription type included). Used by the root codegen.ts at config time.
 */
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { apiSchemaOf, supergraphFile } from '../../schema/src/compose';

export function webClientSchemaSdl(supergraphSdl = readFileSync(supergraphFile, 'utf8')): string {
  return printSchema(apiSchemaOf(supergraphSdl));
}
