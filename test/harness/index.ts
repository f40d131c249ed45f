export * from './stack';
export * from './logs';
