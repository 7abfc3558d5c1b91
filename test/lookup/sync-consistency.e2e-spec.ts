import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { mobileNumbers } from '../support/numbers';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { parseSnapshot } from '../support/snapshot';
import { within } from '../support/wait';

const TOTAL = 10_000;
const BY_API = 300;
const LATER = 200; // left pending, approved after the snapshot

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

interface Held {
  number: string;
  status: string;
  verdict: string;
  display: unknown;
  organization: unknown;
}

describe('carrier sync: snapshot plus changes equals lookups, at 10,000 numbers', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let key: string;
  let org: string;

  const get = (path: string) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    return within(20_000, async () => {
      const ready = await request(lookup.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.info.index.registryVersion).toBe(target);
    });
  };

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    for (const code of ['VIETTEL', 'VINAPHONE', 'MOBIFONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
    const carriers = (await root.get('/v1/carriers').expect(200)).body as Array<{ id: string; code: string }>;
    key = (await root.post(`/v1/carriers/${carriers.find((c) => c.code === 'VIETTEL')!.id}/api-keys`).expect(201)).body.key;
    org = await h.activeOrganization('MOF', 'Bộ Tài chính');
    await h.activeBrandname(org, 'BO TC', 'Bộ Tài chính');
    await h.activeBrandname(org, 'TC HOTLINE', 'Đường dây nóng Bộ Tài chính');
    await h.activeBrandname(org, 'KHO BAC', 'Kho bạc Nhà nước');
    // Comparing 10,000 numbers takes ten batches of 1,000 in a second: more than a carrier's default rate.
    lookup = await withEnv({ LOOKUP_RATE_LIMIT_RPS: '0' }, () => createLookupApp());
  });

  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
  });

  it('keeps a carrier copy equal to the lookup answers for every number', async () => {
    const started = Date.now();
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');

    // 1. Import 10,000 numbers with a mix of labels, directions, origins and validity windows.
    const registered = mobileNumbers('090', 1_000_000, TOTAL);
    const unregistered = mobileNumbers('093', 5_000_000, 100);
    const labels = ['BO TC', 'TC HOTLINE', 'KHO BAC'];
    const origins = ['', 'VIETTEL', 'VIETTEL;MOBIFONE', '', 'VINAPHONE|MOBIFONE|VIETTEL'];
    const lines = registered.map((n, i) => {
      const direction = i % 10 === 0 ? 'inbound_only' : i % 10 === 1 ? '' : 'outbound';
      const validFrom = i % 50 === 3 ? '2099-01-01T00:00:00Z' : i % 50 === 11 ? '2020-01-01T00:00:00Z' : '';
      const validTo = i % 50 === 7 ? '2021-01-01T00:00:00Z' : i % 50 === 11 ? '2099-12-31T00:00:00Z' : '';
      return [n, labels[i % 3], direction, origins[i % 5], validFrom, validTo].join(',');
    });
    const csv = `number,label,direction,allowedOrigins,validFrom,validTo\n${lines.join('\n')}\n`;
    const report = await root
      .post(`/v1/organizations/${org}/numbers/import`)
      .attach('file', Buffer.from(csv), { filename: 'numbers.csv', contentType: 'text/csv' })
      .expect(200);
    expect(report.body).toMatchObject({ total: TOTAL, accepted: TOTAL, rejected: 0 });
    const imported = Date.now();

    const rows: Array<{ id: string; e164: string }> = await h.ds.query(
      'SELECT id, e164 FROM caller_numbers WHERE organization_id = $1 ORDER BY e164',
      [org],
    );
    expect(rows).toHaveLength(TOTAL);
    const byApi = rows.slice(0, BY_API);
    const later = rows.slice(BY_API, BY_API + LATER);

    // 2. Approve some through the review API (second regulator: four eyes).
    await inParallel(byApi, 1, async (r) => reg2.post(`/v1/numbers/${r.id}/approve`).send({}).expect(200));
    await caughtUp();
    const approvedByApi = Date.now();

    // 3. The carrier's copy: a snapshot now.
    const snap = await get('/v1/sync/snapshot').expect(200);
    const { header, entries } = parseSnapshot(snap.text);
    expect(header.count).toBe(entries.length);
    expect(header.registryVersion).toBe(await registryVersion());
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(BY_API);
    const held = new Map<string, Held>(entries.map((e: Held) => [e.number, e]));

    // 4. The rest active in SQL (all but `later`), published by suspending and reinstating the organization.
    await h.ds.query(
      `UPDATE caller_numbers SET status = 'active' WHERE organization_id = $1 AND status = 'pending' AND NOT (id = ANY($2::uuid[]))`,
      [org, later.map((r) => r.id)],
    );
    await reg2.post(`/v1/organizations/${org}/suspend`).send({ reason: 'Kiểm tra định kỳ' }).expect(200);
    // Whoever suspended may request the lifting but not approve it: root does.
    await reg2.post(`/v1/organizations/${org}/reinstate`).send({ reason: 'Đã kiểm tra' }).expect(200);
    expect((await reg2.post(`/v1/organizations/${org}/reinstate/approve`).send({}).expect(403)).body.code).toBe('FOUR_EYES_REQUIRED');
    await root.post(`/v1/organizations/${org}/reinstate/approve`).send({}).expect(200);

    // 5. More changes: suspend some, revoke some (one revoked while suspended), approve the ones left pending.
    const active = rows.slice(BY_API + LATER);
    const suspended = active.filter((_, i) => i % 97 === 0);
    const revoked = active.filter((_, i) => i % 89 === 1);
    await inParallel(suspended, 1, async (r) => reg2.post(`/v1/numbers/${r.id}/suspend`).send({ reason: 'Nghi ngờ giả mạo' }).expect(200));
    await inParallel(revoked, 1, async (r) => reg2.post(`/v1/numbers/${r.id}/revoke`).send({ reason: 'Trả số' }).expect(200));
    await reg2.post(`/v1/numbers/${suspended[1].id}/revoke`).send({ reason: 'Trả số' }).expect(200);
    await inParallel(later, 1, async (r) => reg2.post(`/v1/numbers/${r.id}/approve`).send({}).expect(200));
    await caughtUp();
    const changed = Date.now();

    // 6. Apply the changes since the snapshot, page by page.
    let since = header.registryVersion as number;
    let pages = 0;
    let applied = 0;
    for (;;) {
      const page = (await get(`/v1/sync/changes?since=${since}&limit=10000`).expect(200)).body;
      expect(page.fromVersion).toBe(since);
      pages++;
      for (const c of page.changes) {
        expect(c.version).toBe(header.registryVersion + applied + 1); // contiguous: nothing skipped
        applied++;
        if (c.op === 'remove') held.delete(c.number);
        else held.set(c.number, c.entry);
      }
      since = page.toVersion;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1); // more than 10,000 changes after the snapshot
    expect(since).toBe(await registryVersion());

    // 7. Every number: the copy answers what the lookup answers.
    const all = [...registered, ...unregistered];
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    for (let i = 0; i < all.length; i += 1000) {
      const res = await request(lookup.getHttpServer())
        .post('/v1/lookup/batch')
        .set('X-Api-Key', key)
        .send({ numbers: all.slice(i, i + 1000) })
        .expect(200);
      for (const answer of res.body.results) {
        expect(answer.error).toBeUndefined();
        tally[`${answer.status}/${answer.verdict}`] = (tally[`${answer.status}/${answer.verdict}`] ?? 0) + 1;
        // The copy as a carrier that does not apply time keeps it: the published answer, or unregistered.
        const copy = held.get(answer.number);
        const want = { status: answer.status, verdict: answer.verdict, display: answer.display, organization: answer.organization };
        const have = copy
          ? { status: copy.status, verdict: copy.verdict, display: copy.display, organization: copy.organization }
          : { status: 'unregistered', verdict: 'none', display: null, organization: null };
        if (JSON.stringify(want) !== JSON.stringify(have))
          mismatches.push(`${answer.number}: lookup ${JSON.stringify(want)}, copy ${JSON.stringify(have)}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mismatches).toHaveLength(0);
    expect(tally['unregistered/none']).toBeGreaterThan(100 + revoked.length); // + validity windows outside now
    expect(tally['active/brand']).toBeGreaterThan(7000);
    expect(tally['inbound_only/block']).toBeGreaterThan(900);
    expect(tally['suspended/none']).toBeGreaterThan(50);
    console.log(
      `sync at ${TOTAL} numbers: import ${imported - started} ms, ${BY_API} API approvals ${approvedByApi - imported} ms, ` +
        `bulk publish and changes ${changed - approvedByApi} ms, ${applied} changes in ${pages} pages; answers ${JSON.stringify(tally)}`,
    );
  }, 300_000);
});
