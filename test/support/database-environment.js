// The test environment of the medium and e2e tiers: jest's node environment, with DATABASE_URL and DATA_DIR
// chosen for the file before it starts (see test-databases.ts, which global-setup.ts starts):
// - a medium suite gets the medium database, which all workers share, and the medium DATA_DIR (one signing key);
// - an e2e suite gets the database of the jest worker that runs it (JEST_WORKER_ID), and that worker's DATA_DIR:
//   its harness truncates the tables, which no other file touches meanwhile;
// - every service a suite starts takes a free metrics port (METRICS_PORT=0).
// Set on the worker process itself before the sandbox copies its environment, so the child processes that
// suites spawn (services, the CLI, Kamailio) see the same database.
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

function tierOf(projectConfig) {
  const name = typeof projectConfig.displayName === 'string' ? projectConfig.displayName : projectConfig.displayName?.name;
  if (name !== 'medium' && name !== 'e2e') throw new Error(`database-environment: unknown project ${name}`);
  return name;
}

function chooseDatabase(projectConfig) {
  const raw = process.env.TEST_DATABASES;
  if (!raw) throw new Error('TEST_DATABASES is set by test/support/global-setup.ts');
  const databases = JSON.parse(raw);
  const worker = Number(process.env.JEST_WORKER_ID || '1');
  const tier = tierOf(projectConfig);
  let url;
  let dataDir;
  if (tier === 'medium') {
    url = databases.medium;
    dataDir = join(databases.dataRoot, 'medium');
  } else {
    url = databases.workers[worker - 1];
    if (!url) throw new Error(`database-environment: no database for worker ${worker} (${databases.workers.length} started)`);
    dataDir = join(databases.dataRoot, `w${worker}`);
  }
  mkdirSync(dataDir, { recursive: true });
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dataDir;
  process.env.TEST_TIER = tier;
  // Services of parallel files would collide on the default metrics ports: each takes a free one, and tests read
  // which from the service (MetricsEndpoint.listen(), or the "Prometheus metrics on" line of a process).
  process.env.METRICS_PORT = '0';
}

class DatabaseEnvironment extends TestEnvironment {
  constructor(config, context) {
    chooseDatabase(config.projectConfig);
    super(config, context);
  }
}

module.exports = DatabaseEnvironment;
