import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver signatures come from each subgraph's SDL; parents map to Drizzle row types.
const subgraph = (name: string, mappers: Record<string, string>) => ({
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
});

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraph('user', { User: '../db/schema#UserRow' }),
    ...subgraph('video', {
      Video: '../db/schema#VideoRow',
      User: '../context#UserRef',
      VideoConnection: '../domain/feed#VideoConnectionModel',
    }),
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
