import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { answerFromSyncEntry, SyncEntry } from '../../libs/domain/src/sync-entry';
import { mobileNumbers } from '../support/numbers';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { parseSnapshot } from '../support/snapshot';
import { within } from '../support/wait';

const TOTAL = 10_000;
/**
 * The timed groups are published an hour and two hours out, so a slow machine is never late for "before"; then the
 * clock is moved instead of waited for: the test brings the instants forward in the source rows and in the
 * schedule the registry computed (published_numbers.starts_at / ends_at, checked first), and the registry's own
 * timed publisher must do the rest.
 */
const STARTS_IN_MS = 3_600_000;
const ENDS_IN_MS = 7_200_000;
/** How long the timed publisher and the copies may take once an instant is reached. */
const FOLLOWS_WITHIN_MS = 30_000;

type Answer = { status: string; verdict: string; display: unknown; organization: unknown };
const UNREGISTERED: Answer = { status: 'unregistered', verdict: 'none', display: null, organization: null };

/**
 * Time changes answers, and carriers' copies must follow: numbers whose validity starts later are in the feed
 * before they start; at validFrom the registry publishes them again, at validTo it removes them. Two copies are
 * kept from one snapshot plus the changes: one that applies time from the fields, one that uses each published
 * answer as it is. Both must equal the lookup at three instants: before validFrom, after it, after validTo.
 */
describe(`carrier copies and time, at ${TOTAL} numbers`, () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key: string;
  let org: string;
  const held = new Map<string, SyncEntry>();
  let cursor = 0;

  const get = (path: string) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    await within(30_000, async () =>
      expect(
        (await request(lookup.getHttpServer()).get('/health/ready').expect(200)).body.info.index.registryVersion,
      ).toBeGreaterThanOrEqual(target),
    );
  };
  const followChanges = async () => {
    for (;;) {
      const page = (await get(`/v1/sync/changes?since=${cursor}&limit=10000`).expect(200)).body;
      for (const c of page.changes) {
        if (c.op === 'remove') held.delete(c.number);
        else held.set(c.number, c.entry);
      }
      cursor = page.toVersion;
      if (!page.hasMore) return;
    }
  };

  /** Both copies against the lookup, for every number; returns the mismatches and a tally of the lookup's answers. */
  async function compare(numbers: string[]): Promise<{ mismatches: string[]; tally: Record<string, number> }> {
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    for (let i = 0; i < numbers.length; i += 1000) {
      const res = await request(lookup.getHttpServer())
        .post('/v1/lookup/batch')
        .set('X-Api-Key', key)
        .send({ numbers: numbers.slice(i, i + 1000) })
        .expect(200);
      const now = Date.now();
      for (const a of res.body.results) {
        const want = { status: a.status, verdict: a.verdict, display: a.display, organization: a.organization };
        tally[`${a.status}/${a.verdict}`] = (tally[`${a.status}/${a.verdict}`] ?? 0) + 1;
        const entry = held.get(a.number);
        const applied = entry ? answerFromSyncEntry(entry, now) : UNREGISTERED;
        const asPublished = entry
          ? { status: entry.status, verdict: entry.verdict, display: entry.display, organization: entry.organization }
          : UNREGISTERED;
        if (JSON.stringify(applied) !== JSON.stringify(want))
          mismatches.push(`${a.number} time-applying copy ${JSON.stringify(applied)} ≠ ${JSON.stringify(want)}`);
        if (JSON.stringify(asPublished) !== JSON.stringify(want))
          mismatches.push(`${a.number} as-published copy ${JSON.stringify(asPublished)} ≠ ${JSON.stringify(want)}`);
      }
    }
    return { mismatches, tally };
  }

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    const [viettel] = (await root.get('/v1/carriers').expect(200)).body;
    key = (await root.post(`/v1/carriers/${viettel.id}/api-keys`).expect(201)).body.key;
    org = await h.activeOrganization('MOF', 'Bộ Tài chính');
    await h.activeBrandname(org, 'BO TC', 'Bộ Tài chính');
    // Comparing 10,000 numbers takes ten batches of 1,000 in a second: more than a carrier's default rate.
    lookup = await withEnv({ LOOKUP_RATE_LIMIT_RPS: '0' }, () => createLookupApp());
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('equal before validFrom, after it, and after validTo', async () => {
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');
    const numbers = mobileNumbers('094', 2_000_000, TOTAL);
    const csv = `number,label,direction\n${numbers.map((n, i) => `${n},BO TC,${i % 10 === 0 ? 'inbound_only' : 'outbound'}`).join('\n')}\n`;
    await root
      .post(`/v1/organizations/${org}/numbers/import`)
      .attach('file', Buffer.from(csv), { filename: 'n.csv', contentType: 'text/csv' })
      .expect(200);

    // Thirds: starting later, ending soon, open. All active in SQL, then published at once (suspend, reinstate).
    const startsAt = new Date(Date.now() + STARTS_IN_MS);
    const endsAt = new Date(Date.now() + ENDS_IN_MS);
    const rows: Array<{ e164: string }> = await h.ds.query(`SELECT e164 FROM caller_numbers WHERE organization_id = $1 ORDER BY e164`, [
      org,
    ]);
    const starting = rows.filter((_, i) => i % 3 === 0).map((r) => r.e164);
    const ending = rows.filter((_, i) => i % 3 === 1).map((r) => r.e164);
    await h.ds.query(`UPDATE caller_numbers SET status = 'active' WHERE organization_id = $1`, [org]);
    await h.ds.query(`UPDATE caller_numbers SET valid_from = $2 WHERE e164 = ANY($1)`, [starting, startsAt]);
    await h.ds.query(`UPDATE caller_numbers SET valid_to = $2 WHERE e164 = ANY($1)`, [ending, endsAt]);
    await reg2.post(`/v1/organizations/${org}/suspend`).send({ reason: 'Kiểm tra' }).expect(200);
    // Lifting is two steps: the suspender may request it, another person (root) approves it.
    await h.reinstate('organizations', org, 'reg2', ROOT.username, 'Xong');
    await caughtUp();

    // The copy: a snapshot, then the changes after it.
    const snap = await get('/v1/sync/snapshot').expect(200);
    const { header, entries } = parseSnapshot(snap.text);
    for (const e of entries) held.set(e.number, e);
    cursor = header.registryVersion;
    expect(held.size).toBe(TOTAL); // the ones starting later are in it already
    expect(held.get(starting[1])).toMatchObject({
      status: 'unregistered',
      validFrom: startsAt.toISOString(),
      answerWhenValid: { status: 'active' },
    });

    const schedule = async (column: 'starts_at' | 'ends_at', e164s: string[]) =>
      (await h.ds.query(`SELECT DISTINCT ${column} AS at FROM published_numbers WHERE e164 = ANY($1)`, [e164s])).map(
        (r: { at: Date | null }) => r.at?.toISOString() ?? null,
      );
    expect(await schedule('starts_at', starting)).toEqual([startsAt.toISOString()]);
    expect(await schedule('ends_at', ending)).toEqual([endsAt.toISOString()]);

    // 1. Before validFrom.
    const before = await compare(numbers);
    expect(before.mismatches.slice(0, 10)).toEqual([]);
    expect(before.tally['unregistered/none']).toBeGreaterThanOrEqual(starting.length * 0.9);

    // 2. The clock reaches validFrom; the registry publishes them again (a touch each); wait for those changes.
    const startedAt = new Date();
    await h.ds.query(`UPDATE caller_numbers SET valid_from = $2 WHERE e164 = ANY($1)`, [starting, startedAt]);
    await h.ds.query(`UPDATE published_numbers SET starts_at = $2 WHERE e164 = ANY($1)`, [starting, startedAt]);
    await within(
      FOLLOWS_WITHIN_MS,
      async () => {
        await followChanges();
        expect(held.get(starting[starting.length - 1])?.status).toBe('active');
      },
      250,
    );
    const [{ n: touches }] = await h.ds.query(`SELECT count(*)::int AS n FROM registry_changes WHERE changed_at >= $1 AND e164 = ANY($2)`, [
      startedAt,
      starting,
    ]);
    expect(touches).toBe(starting.length);
    // The copy read the feed from the database; the lookup's index follows it by polling: compare once it has.
    await caughtUp();
    const started = await compare(numbers);
    expect(started.mismatches.slice(0, 10)).toEqual([]);
    expect(started.tally['unregistered/none'] ?? 0).toBe(0);

    // 3. The clock reaches validTo: removals.
    const endedAt = new Date();
    await h.ds.query(`UPDATE caller_numbers SET valid_to = $2 WHERE e164 = ANY($1)`, [ending, endedAt]);
    await h.ds.query(`UPDATE published_numbers SET ends_at = $2 WHERE e164 = ANY($1)`, [ending, endedAt]);
    await within(
      FOLLOWS_WITHIN_MS,
      async () => {
        await followChanges();
        expect(ending.every((n) => !held.has(n))).toBe(true);
      },
      250,
    );
    await caughtUp();
    const ended = await compare(numbers);
    expect(ended.mismatches.slice(0, 10)).toEqual([]);
    expect(ended.tally['unregistered/none']).toBe(ending.length);
    const [{ n: left }] = await h.ds.query(`SELECT count(*)::int AS n FROM published_numbers WHERE e164 = ANY($1)`, [ending]);
    expect(left).toBe(0);
  }, 180_000);
});
