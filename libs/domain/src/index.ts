export * from './errors';
export * from './lifecycle';
export * from './lookup-entry';
export * from './phone-number';
export * from './display-name-policy';
export * from './number-registration';
export * from './lookup-index';
export * from './sync-entry';
