import { readFileSync } from 'node:fs';
import { apiSchemaOf, supergraphFile } from '@reel/schema';
import { parse, validate } from 'graphql';
import { douyinEndpoints } from '.';

// Catches a document that drifted from the supergraph without starting a single service.
describe('endpoint documents', () => {
  const schema = apiSchemaOf(readFileSync(supergraphFile, 'utf8'));

  it.each(douyinEndpoints.map((endpoint) => [endpoint.path, endpoint] as const))(
    '%s is valid against the committed supergraph',
    (_path, endpoint) => {
      expect(validate(schema, parse(endpoint.document)).map((error) => error.message)).toEqual([]);
    },
  );

  it('serves each path once', () => {
    const paths = douyinEndpoints.map((endpoint) => endpoint.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
