export * from './entry-claims';
export * from './claims-agreement';
export * from './entry-verifier';
export * from './snapshot-digest';
export * from './snapshot-verifier';
export * from './jwks-trust';
