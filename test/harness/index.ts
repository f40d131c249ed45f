export * from './stack';
export * from './logs';
export * from './douyin';
export * from './socket';
export * from './processes';
export * from './videos';
export * from './writes';
