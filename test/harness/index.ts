export * from './stack';
export * from './douyin';
export * from './socket';
export * from './processes';
