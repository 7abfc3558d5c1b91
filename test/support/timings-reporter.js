// Records how long each medium and e2e file took (a passing file, on the embedded database: the run npm test
// makes) into test/support/test-timings.json, which test/support/test-sequencer.js orders the files by. Only what
// changed much is rewritten (see test-timings.js), and it says so at the end of the run.
const { readTimings, recordTimings, relativePath } = require('./test-timings');

const TIERS = new Set(['medium', 'e2e']);

class TimingsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.measured = {};
  }

  onTestFileResult(test, result) {
    const project = test.context.config.displayName;
    const tier = typeof project === 'string' ? project : project?.name;
    if (!TIERS.has(tier) || result.testExecError || result.numFailingTests > 0) return;
    this.measured[relativePath(this.rootDir, test.path)] = (result.perfStats.end - result.perfStats.start) / 1000;
  }

  onRunComplete() {
    if (process.env.TEST_DATABASE_KIND !== 'embedded' || Object.keys(this.measured).length === 0) return;
    // Fewer files than most of the table: a partial run, whose times (no other file beside it) are not the usual.
    const partial = Object.keys(this.measured).length < 0.8 * Object.keys(readTimings()).length;
    const changed = recordTimings(this.rootDir, this.measured, partial);
    if (changed.length) console.log(`\ntest/support/test-timings.json updated (commit it):\n  ${changed.join('\n  ')}\n`);
  }
}

module.exports = TimingsReporter;
