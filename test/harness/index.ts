export * from './stack';
export * from './douyin';
