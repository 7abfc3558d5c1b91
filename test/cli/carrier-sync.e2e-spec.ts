import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mobileNumbers } from '../support/numbers';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { freePort, ServiceProcess } from '../support/service-process';
import { within } from '../support/wait';

const TOTAL = 10_000;
/** From the publication to validFrom of the group that starts soon: time for the steps before it on a slow machine. */
const STARTS_IN_MS = 35_000;
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'registry', 'src', 'cli', 'main.js');

type Answer = { number: string; status: string; verdict: string; display: unknown; organization: unknown };

/** Runs the built CLI (as a carrier would), its output captured (as bytes: a chunk may end inside a character). */
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => err.push(d));
    proc.on('close', (code) => resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') }));
  });
}

/**
 * The reference carrier copy against the lookup it follows: a snapshot of 10,000 numbers (some starting later,
 * some soon, some ending later), a series of changes, a restart from the file, a 410 that forces a new snapshot;
 * after each, every number's answer from the copy equals the lookup's, and once the soon-starting group's validity
 * has begun the copy brands it without fetching anything (it applies time).
 */
// The copy follows the lookup's HTTP API: which PostgreSQL stores the registry does not change it, so .ci/run's
// server pass skips it (the embedded pass, npm test, runs it).
const ONLY_ONE_PASS = process.env.TEST_DATABASE_KIND === 'server';
if (ONLY_ONE_PASS) process.stdout.write('\n[carrier-sync suite] SKIPPED on the server pass: the embedded pass runs it\n\n');
const describeOnce = ONLY_ONE_PASS ? describe.skip : describe;

describeOnce(`carrier-sync, a carrier's local copy, at ${TOTAL} numbers`, () => {
  let h: RegistryHarness;
  let lookup: ServiceProcess;
  let lookupUrl: string;
  let key: string;
  let org: string;
  let brand: string;
  let dir: string;
  let numbers: string[];

  const sync = async (expected: RegExp) => {
    const run = await cli(['carrier-sync', '--lookup', lookupUrl, '--key', key, '--out', dir, '--once']);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: expect.stringMatching(expected) });
    return run.err;
  };
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    await within(30_000, async () =>
      expect(
        ((await (await fetch(`${lookupUrl}/health/ready`)).json()) as { info: { index: { registryVersion: number } } }).info.index
          .registryVersion,
      ).toBeGreaterThanOrEqual(target),
    );
  };

  /**
   * Every number: the lookup's answer (batches of 1,000) and the copy's (one CLI run, answering as at the time the
   * lookup was first asked: both then see the same side of a validity start); returns the mismatches and when the
   * lookup's answers ended.
   */
  async function compare(
    all: string[],
  ): Promise<{ mismatches: string[]; tally: Record<string, number>; askedAt: number; lookupDoneAt: number }> {
    const fromLookup = new Map<string, Answer>();
    const askedAt = new Date().toISOString();
    for (let i = 0; i < all.length; i += 1000) {
      const res = await fetch(`${lookupUrl}/v1/lookup/batch`, {
        method: 'POST',
        headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ numbers: all.slice(i, i + 1000) }),
      });
      expect(res.status).toBe(200);
      for (const a of ((await res.json()) as { results: Answer[] }).results) fromLookup.set(a.number, a);
    }
    const lookupDoneAt = Date.now();
    const run = await cli(['carrier-sync', 'lookup', '--from', dir, '--at', askedAt, ...all]);
    if (run.code !== 0) throw new Error(`carrier-sync lookup exited ${run.code}: ${run.err.slice(0, 2000)}`);
    const copied = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Answer);
    expect(copied).toHaveLength(all.length);
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    const pick = (a: Answer | undefined) => a && { status: a.status, verdict: a.verdict, display: a.display, organization: a.organization };
    for (const c of copied) {
      const want = JSON.stringify(pick(fromLookup.get(c.number)));
      tally[`${c.status}/${c.verdict}`] = (tally[`${c.status}/${c.verdict}`] ?? 0) + 1;
      if (JSON.stringify(pick(c)) !== want) mismatches.push(`${c.number}: copy ${JSON.stringify(pick(c))} ≠ lookup ${want}`);
    }
    return { mismatches, tally, askedAt: Date.parse(askedAt), lookupDoneAt };
  }

  const idsOf = async (e164s: string[]) =>
    ((await h.ds.query(`SELECT id FROM caller_numbers WHERE e164 = ANY($1) ORDER BY e164`, [e164s])) as Array<{ id: string }>).map(
      (r) => r.id,
    );

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const carrier = (await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201)).body;
    key = (await root.post(`/v1/carriers/${carrier.id}/api-keys`).expect(201)).body.key;
    org = await h.activeOrganization('MOF', 'Bộ Tài chính');
    brand = await h.activeBrandname(org, 'BO TC', 'Bộ Tài chính');
    const port = await freePort();
    lookupUrl = `http://127.0.0.1:${port}`;
    // Comparing 10,000 numbers is ten batches in a second or so: more than a carrier's default rate.
    lookup = ServiceProcess.start('lookup', { LOOKUP_PORT: String(port), LOOKUP_RATE_LIMIT_RPS: '0', DB_MIGRATIONS_RUN: 'false' });
    await lookup.ready(`${lookupUrl}/health/ready`);
    dir = mkdtempSync(join(tmpdir(), 'vbr-carrier-copy-'));
  });
  afterAll(async () => {
    await lookup?.stop();
    await h?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('equals the lookup after a snapshot, changes, a restart and a forced snapshot, and applies time by itself', async () => {
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');
    numbers = mobileNumbers('094', 3_000_000, TOTAL);
    const csv = `number,label,direction\n${numbers.map((n, i) => `${n},BO TC,${i % 10 === 0 ? 'inbound_only' : 'outbound'}`).join('\n')}\n`;
    await root
      .post(`/v1/organizations/${org}/numbers/import`)
      .attach('file', Buffer.from(csv), { filename: 'n.csv', contentType: 'text/csv' })
      .expect(200);
    // Fifths: starting soon, starting tomorrow, ending tomorrow, open. Active in SQL, published at once.
    const rows: Array<{ e164: string }> = await h.ds.query(`SELECT e164 FROM caller_numbers WHERE organization_id = $1 ORDER BY e164`, [
      org,
    ]);
    const group = (k: number) => rows.filter((_, i) => i % 5 === k).map((r) => r.e164);
    const [soon, tomorrow, ending] = [group(0), group(1), group(2)];
    const startsAt = new Date(Date.now() + STARTS_IN_MS);
    const day = new Date(Date.now() + 86_400_000);
    await h.ds.query(`UPDATE caller_numbers SET status = 'active' WHERE organization_id = $1`, [org]);
    await h.ds.query(`UPDATE caller_numbers SET valid_from = $2 WHERE e164 = ANY($1)`, [soon, startsAt]);
    await h.ds.query(`UPDATE caller_numbers SET valid_from = $2 WHERE e164 = ANY($1)`, [tomorrow, day]);
    await h.ds.query(`UPDATE caller_numbers SET valid_to = $2 WHERE e164 = ANY($1)`, [ending, day]);
    await reg2.post(`/v1/organizations/${org}/suspend`).send({ reason: 'Kiểm tra' }).expect(200);
    // Lifting is two steps: the suspender may request it, another person (root) approves it.
    await h.reinstate('organizations', org, 'reg2', ROOT.username, 'Xong');
    await caughtUp();

    // 1. First run: the snapshot, verified (the registry signs).
    await sync(/Snapshot verified: 10000 entries/);
    expect(existsSync(join(dir, 'carrier-copy.ndjson'))).toBe(true);

    // 2. Changes: suspensions, revocations, new numbers.
    const open = rows.filter((_, i) => i % 5 === 3).map((r) => r.e164);
    for (const id of await idsOf(open.slice(0, 3))) await reg2.post(`/v1/numbers/${id}/suspend`).send({ reason: 'Điều tra' }).expect(200);
    for (const id of await idsOf(open.slice(3, 6))) await reg2.post(`/v1/numbers/${id}/revoke`).send({ reason: 'Trả số' }).expect(200);
    const added = mobileNumbers('094', 4_000_000, 2);
    for (const n of added) {
      const res = await root.post(`/v1/organizations/${org}/numbers`).send({ brandnameId: brand, number: n }).expect(201);
      await reg2.post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
    }
    await caughtUp();

    // 3. A restart: the copy resumes from its file and fetches only the changes.
    const resumed = await sync(/Copy resumed from .*: 10000 numbers/);
    expect(resumed).not.toMatch(/Loading the snapshot/);
    expect(Number(/Applied (\d+) changes/.exec(resumed)?.[1])).toBeGreaterThanOrEqual(8);

    // Lookup answers taken on both sides of validFrom compare with nothing (the copy answers as at one instant);
    // such a comparison is left to the last step, which compares every number after validFrom.
    const oneSide = (c: { askedAt: number; lookupDoneAt: number }) => c.lookupDoneAt < startsAt.getTime() || c.askedAt > startsAt.getTime();
    const before = await compare([...numbers, ...added]);
    if (oneSide(before)) expect(before.mismatches.slice(0, 10)).toEqual([]);
    if (before.lookupDoneAt < startsAt.getTime()) {
      expect(before.tally['unregistered/none']).toBeGreaterThanOrEqual(soon.length + tomorrow.length + 3);
    }
    expect(before.tally['suspended/none']).toBe(3);

    // 4. History the copy needs is gone (410): it loads the snapshot again.
    for (const id of await idsOf(open.slice(6, 7))) await reg2.post(`/v1/numbers/${id}/revoke`).send({ reason: 'Trả số' }).expect(200);
    await h.ds.query(`UPDATE registry_state SET retained_from = version WHERE id = 1`);
    await caughtUp();
    await sync(/Loading the snapshot: the lookup needs a snapshot \(410[\s\S]*Snapshot verified/);
    const lastSyncAt = Date.now();
    const copyFile = readFileSync(join(dir, 'carrier-copy.ndjson'), 'utf8');
    const reloaded = await compare([...numbers, ...added]);
    if (oneSide(reloaded)) expect(reloaded.mismatches.slice(0, 10)).toEqual([]);

    // 5. Validity starts: the copy, fetching nothing more, brands the group. When the last sync ended before
    // validFrom (the usual case), the copy held those numbers as not yet valid: it applied time itself.
    if (lastSyncAt >= startsAt.getTime()) process.stdout.write('[carrier-sync] machine slow: the last sync came after validFrom\n');
    await within(STARTS_IN_MS + 15_000, async () => expect(Date.now()).toBeGreaterThan(startsAt.getTime() + 500), 250);
    const started = await compare([...numbers, ...added]);
    expect(readFileSync(join(dir, 'carrier-copy.ndjson'), 'utf8')).toBe(copyFile);
    expect(started.mismatches.slice(0, 10)).toEqual([]);
    expect(started.tally['unregistered/none']).toBe(tomorrow.length + 4);
  }, 180_000);
});
