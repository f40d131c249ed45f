export * from './stack';
export * from './rows';
