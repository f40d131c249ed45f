export * from './stack';
export * from './videos';
