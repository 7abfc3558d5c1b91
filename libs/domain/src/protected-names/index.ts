export * from './protected-name-list';
export * from './protected-name-review';
export * from './published-protected-name';
export * from './seed-2025';
