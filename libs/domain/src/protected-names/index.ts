export * from './protected-name-list';
