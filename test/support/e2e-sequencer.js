// Splits the e2e files across parallel shards (`jest --shard=i/n`, see run-e2e.js) by their measured running
// time, so the shards finish together; jest's own split hashes paths and can put the heaviest files on one side.
const Sequencer = require('@jest/test-sequencer').default;
const { relative } = require('node:path');

// Seconds per file on the embedded database (2 cores, CI's machine); files not listed count DEFAULT_SECONDS.
const SECONDS = {
  'test/hardening/fuzz.e2e-spec.ts': 110,
  'test/attacker/attacker-model.e2e-spec.ts': 55,
  'test/integrations/sip.e2e-spec.ts': 65,
  'test/lookup/sync-consistency.e2e-spec.ts': 60,
  'test/cli/carrier-sync.e2e-spec.ts': 50,
  'test/registry/numbers-import.e2e-spec.ts': 50,
  'test/hardening/faults.e2e-spec.ts': 45,
  'test/console/console.e2e-spec.ts': 30,
  'test/registry/reorganizations.e2e-spec.ts': 28,
  'test/ops/running-services.e2e-spec.ts': 25,
  'test/lookup/lookup-resilience.e2e-spec.ts': 22,
  'test/public/public-check.e2e-spec.ts': 22,
  'test/lookup/sync-time.e2e-spec.ts': 20,
  'test/signing/signed-entries.e2e-spec.ts': 18,
  'test/console/onboarding-console.e2e-spec.ts': 18,
  'test/lookup/lookup-hot-path.e2e-spec.ts': 14,
  'test/hardening/concurrency.e2e-spec.ts': 14,
  'test/hardening/rbac-matrix.e2e-spec.ts': 13,
  'test/scale/standby.e2e-spec.ts': 30,
  'test/console/operators-console.e2e-spec.ts': 22,
  'test/console/review-console.e2e-spec.ts': 15,
  'test/console/users-console.e2e-spec.ts': 20,
  'test/registry/review-rules.e2e-spec.ts': 20,
};
const DEFAULT_SECONDS = 8;

class E2eSequencer extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const cost = (t) => SECONDS[relative(t.context.config.rootDir, t.path)] ?? DEFAULT_SECONDS;
    const heaviestFirst = [...tests].sort((a, b) => cost(b) - cost(a) || (a.path < b.path ? -1 : 1));
    const load = new Array(shardCount).fill(0);
    const mine = [];
    for (const t of heaviestFirst) {
      const lightest = load.indexOf(Math.min(...load));
      load[lightest] += cost(t);
      if (lightest === shardIndex - 1) mine.push(t);
    }
    return mine;
  }
}

module.exports = E2eSequencer;
