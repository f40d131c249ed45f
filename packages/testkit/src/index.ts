export * from './graphql';
export * from './run-env';
export * from './seed';
export * from './services';
export * from './media';
export * from './eventually';
export * from './database';
export * from './tcp-proxy';
