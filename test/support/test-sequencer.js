// The order in which jest hands the medium and e2e files to its workers: the longest first, so that the workers
// finish together (each takes the next file when it is free). The lengths are the seconds each file took, as
// test/support/timings-reporter.js recorded them in test/support/test-timings.json; a file not recorded yet is
// estimated from its size. `jest --shard=i/n` (several machines) splits by the same lengths, longest first onto
// the lightest shard.
const Sequencer = require('@jest/test-sequencer').default;
const { statSync } = require('node:fs');
const { readTimings, relativePath } = require('./test-timings');

/** Seconds per kilobyte of a file not timed yet: about what the recorded suites take. */
const SECONDS_PER_KB = 0.4;

class TestSequencer extends Sequencer {
  constructor(...args) {
    super(...args);
    this.timings = readTimings();
  }

  cost(test) {
    const recorded = this.timings[relativePath(test.context.config.rootDir, test.path)];
    if (recorded !== undefined) return recorded;
    let size = 0;
    try {
      size = statSync(test.path).size;
    } catch {
      // a file that vanished costs nothing
    }
    return (size / 1024) * SECONDS_PER_KB;
  }

  longestFirst(tests) {
    return [...tests].sort((a, b) => this.cost(b) - this.cost(a) || (a.path < b.path ? -1 : 1));
  }

  sort(tests) {
    return this.longestFirst(tests);
  }

  shard(tests, { shardIndex, shardCount }) {
    const load = new Array(shardCount).fill(0);
    const mine = [];
    for (const t of this.longestFirst(tests)) {
      const lightest = load.indexOf(Math.min(...load));
      load[lightest] += this.cost(t);
      if (lightest === shardIndex - 1) mine.push(t);
    }
    return mine;
  }
}

module.exports = TestSequencer;
