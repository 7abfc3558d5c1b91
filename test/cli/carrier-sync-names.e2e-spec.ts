import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { CopyStore } from '../../apps/registry/src/cli/carrier-sync/copy-store';
import { carrierCli } from '../support/cli';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

jest.setTimeout(90_000);

interface FeedName {
  id: string;
  term: string;
  spellings: string[];
  kinds: string[];
  source: string;
  version: number;
  jws: string;
}

/**
 * The reference carrier copy keeps the protected names: from the snapshot's header (verified), then each change of
 * the feed (verified for its version), through a removal and a restart from the file; a copy made before names
 * were published is loaded again from a snapshot.
 */
describe('carrier-sync keeps the protected names', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let lookupUrl: string;
  let key: string;
  let dir: string;

  const sync = async () => {
    const run = await carrierCli('carrier-sync', '--lookup', lookupUrl, '--key', key, '--out', dir, '--once');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(Array) });
    return run.stderr.join('\n');
  };
  const feed = async (): Promise<FeedName[]> =>
    ((await (await fetch(`${lookupUrl}/v1/sync/protected-names`, { headers: { 'x-api-key': key } })).json()) as { names: FeedName[] })
      .names;
  /** The names as the copy keeps them: the published entry and its version, without the signature. */
  const kept = (names: FeedName[]) => names.map(({ jws: _jws, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
  const copied = async () => {
    const store = new CopyStore(dir);
    expect(await store.open()).toBe(true);
    return store.copy.protectedNames().sort((a, b) => a.id.localeCompare(b.id));
  };
  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    await within(EVENTUALLY_MS, async () => {
      const ready = (await (await fetch(`${lookupUrl}/health/ready`)).json()) as { info: { index: { registryVersion: number } } };
      expect(ready.info.index.registryVersion).toBeGreaterThanOrEqual(target);
    });
  };
  const decide = async (body: object) => {
    const proposal = await (await h.as(ROOT.username)).post('/v1/protected-names/proposals').send(body).expect(201);
    await (await h.as('reg2')).post(`/v1/protected-names/proposals/${proposal.body.id}/approve`).send({}).expect(200);
    await caughtUp();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vbr-copy-names-'));
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const carrier = await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    key = (await root.post(`/v1/carriers/${carrier.body.id}/api-keys`).expect(201)).body.key;
    lookup = await createLookupApp();
    await lookup.listen(0, '127.0.0.1');
    lookupUrl = `http://127.0.0.1:${(lookup.getHttpServer().address() as { port: number }).port}`;
    await caughtUp();
  });

  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads them with the snapshot, follows a change and a removal, and keeps them across a restart', async () => {
    expect(await sync()).toMatch(/Snapshot verified: 0 entries/);
    const initial = await feed();
    expect(initial.length).toBeGreaterThan(0);
    expect(await copied()).toEqual(kept(initial));

    const canhSat = initial.find((n) => n.term === 'Cảnh sát')!;
    await decide({
      action: 'change',
      protectedNameId: canhSat.id,
      spellings: [...canhSat.spellings, 'VBRCOPYCA'],
      reason: 'Cách viết mới',
    });
    expect(await sync()).toMatch(/Applied 1 changes/);
    expect(await copied()).toEqual(kept(await feed()));
    expect((await copied()).find((n) => n.id === canhSat.id)!.spellings).toContain('VBRCOPYCA');

    await decide({ action: 'remove', protectedNameId: canhSat.id, reason: 'Thử gỡ' });
    expect(await sync()).toMatch(/Applied 1 changes/);
    const afterRemoval = await copied(); // a fresh store: replayed from the file, as after a restart
    expect(afterRemoval.map((n) => n.id)).not.toContain(canhSat.id);
    expect(afterRemoval).toEqual(kept(await feed()));
    const store = new CopyStore(dir);
    await store.open();
    expect(store.copy.protectedNameList.find('VBRCOPYCA')).toBeNull();
  });

  it('loads a snapshot again over a copy made before names were published', async () => {
    const file = join(dir, 'carrier-copy.ndjson');
    const [header, ...rest] = readFileSync(file, 'utf8').split('\n');
    const { protectedNames: _names, ...old } = JSON.parse(header);
    writeFileSync(file, [JSON.stringify(old), ...rest].join('\n'));
    expect(await sync()).toMatch(/Loading the snapshot/);
    expect(await copied()).toEqual(kept(await feed()));
  });
});
