// Three tiers (README, "Tests"):
// - unit: pure rules, in parallel, no database;
// - medium: services and the write pipeline in-process on the real database, without HTTP (test/medium);
// - e2e: the apps over HTTP, the console in a browser, SIP, processes, standby.
// The medium and e2e tiers run together in jest's workers (test/support/run-e2e.js): global-setup.ts starts their
// databases, database-environment.js gives each file its own (see there), and test-sequencer.js hands out the
// longest files first.
const moduleNameMapper = {
  '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
  '^@app/database(|/.*)$': '<rootDir>/libs/database/src$1',
  '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
};
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const databaseTier = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/test/support/database-environment.js',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform,
  // An ESM-only dependency of @fastify/static, see the file.
  moduleNameMapper: { ...moduleNameMapper, '^content-disposition$': '<rootDir>/test/support/content-disposition-cjs.js' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
module.exports = {
  // A global option (a project's own testTimeout is ignored): e2e tests boot apps and databases.
  testTimeout: 60000,
  // Global too: the longest medium and e2e files first, by their recorded seconds (test/support/test-timings.json).
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/timings-reporter.js'],
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
    { displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'], ...databaseTier },
    { displayName: 'e2e', testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'], ...databaseTier },
  ],
};
