import type { CodegenConfig } from '@graphql-codegen/cli';
import { webClientSchemaSdl } from './apps/web/codegen-schema';
import { subgraphManifest, subgraphPaths } from './packages/common/src/manifest';

/**
 * Resolver signatures come from each subgraph's SDL; parents map to Drizzle row types through the
 * mappers each subgraph keeps beside its SDL (`codegen-mappers.json`, paths relative to
 * `src/generated/`).
 */
const subgraph = (name: (typeof subgraphManifest)[number]['name']) => {
  const { dir } = subgraphPaths(name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read at config time
  const mappers = require(`${dir}/codegen-mappers.json`) as Record<string, string>;
  return {
    [`subgraphs/${name}/src/generated/resolvers-types.ts`]: {
      schema: [`subgraphs/${name}/schema.graphql`, 'schema/federation-directives.graphql'],
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        useTypeImports: true,
        contextType: '../context#Context',
        mappers,
        scalars: {
          DateTime: 'Date',
          ID: { input: 'string', output: 'string | number' },
          Upload: 'Promise<import("graphql-upload-minimal").FileUpload>',
        },
      },
    },
  };
};

/**
 * The web client's operation types (client preset): its `graphql()` documents checked against the
 * supergraph's API schema, so a query the gateway would refuse fails here, not in a browser.
 */
const webClient = {
  'apps/web/src/generated/': {
    preset: 'client' as const,
    schema: webClientSchemaSdl(),
    documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/generated/**'],
    presetConfig: { fragmentMasking: false },
    config: {
      enumsAsTypes: true,
      useTypeImports: true,
      avoidOptionals: { field: true, inputValue: false, object: false },
      // operation result types only: a schema change the app does not select leaves them as they are
      onlyOperationTypes: true,
      scalars: { DateTime: 'string', Upload: 'File' },
    },
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.assign({}, ...subgraphManifest.map(({ name }) => subgraph(name)), webClient),
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
