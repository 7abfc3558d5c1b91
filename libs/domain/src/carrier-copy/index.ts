export * from './carrier-copy';
export * from './copy-records';
