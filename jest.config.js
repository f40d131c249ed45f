// One jest run for the monorepo: units beside the code, flows across processes in test/.
// Sources are TypeScript run untranspiled elsewhere (tsx); here @swc/jest compiles them.

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/packages',
    '<rootDir>/subgraphs',
    '<rootDir>/apps',
    '<rootDir>/compat-rest',
    '<rootDir>/schema',
    '<rootDir>/test',
    '<rootDir>/scripts',
    '<rootDir>/bench',
  ],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose resolves to its ESM build under jest's export conditions; the OTLP exporter loads
  // node:http with import(), which jest's CommonJS runtime refuses unless compiled to require
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(jose|@opentelemetry/otlp-exporter-base)/).*/node_modules/',
  ],
  globalSetup: '<rootDir>/packages/testkit/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testkit/src/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
