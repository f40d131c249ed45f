export * from './stack';
export * from './rows';
export * from './logs';
