export * from './graphql';
export * from './run-env';
export * from './seed';
export * from './services';
export * from './stack';
export * from './media';
export * from './eventually';
