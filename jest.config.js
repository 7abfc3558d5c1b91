// Two projects: pure unit tests run in parallel; e2e tests share one database per process and run in band
// (test/support/run-e2e.js runs several such processes side by side).
const moduleNameMapper = {
  '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
  '^@app/database(|/.*)$': '<rootDir>/libs/database/src$1',
  '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
};
const transform = { '^.+\\.ts$': ['@swc/jest'] };
module.exports = {
  // A global option (a project's own testTimeout is ignored): e2e tests boot apps and databases.
  testTimeout: 60000,
  // Global too: balances the e2e shards of test/support/run-e2e.js by measured time (unit tests are not sharded).
  testSequencer: '<rootDir>/test/support/e2e-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['js', 'json', 'ts'],
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['js', 'json', 'ts'],
      testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'],
      transform,
      // An ESM-only dependency of @fastify/static, see the file.
      moduleNameMapper: { ...moduleNameMapper, '^content-disposition$': '<rootDir>/test/support/content-disposition-cjs.js' },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
