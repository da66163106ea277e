export * from './vietnamese/index.js';
export * from './restore/index.js';
export * from './tables/index.js';
