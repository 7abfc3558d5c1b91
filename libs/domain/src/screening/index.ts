export * from './published-names';
export * from './screen';
export * from './name-claims-agreement';
