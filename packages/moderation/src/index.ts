export * from './word-filter';
export * from './word-lists';
