import { RegistryHarness, ROOT } from '../support/registry-harness';

/** The pilot, end to end: from the bootstrap regulator to three approved MIC numbers. */
describe('registry pilot story', () => {
  let h: RegistryHarness;
  beforeAll(async () => {
    h = await RegistryHarness.start();
  });
  afterAll(() => h.stop());

  it('walks from bootstrap to approved numbers, and the audit chain verifies', async () => {
    const root = await h.as(ROOT.username);

    // A second regulator, so that four eyes can be satisfied.
    const reg2 = await root.post('/v1/users').send({ username: 'reg2', password: 'reg2-password-123', role: 'regulator' }).expect(201);
    expect(reg2.body).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(reg2.body)).not.toContain('argon2');
    const second = await h.as('reg2');

    // MIC, created by root, approved by reg2.
    const org = await root
      .post('/v1/organizations')
      .send({ code: 'MIC', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry', rolloutWave: 1 })
      .expect(201);
    expect(org.body).toMatchObject({ code: 'MIC', name: 'Bộ Thông tin và Truyền thông', status: 'pending', version: 1 });
    await root.post(`/v1/organizations/${org.body.id}/approve`).send({}).expect(403);
    const approvedOrg = await second.post(`/v1/organizations/${org.body.id}/approve`).send({}).expect(200);
    expect(approvedOrg.body.status).toBe('active');

    // The brandname: label for every handset, Vietnamese name for rich displays.
    const brand = await root
      .post(`/v1/organizations/${org.body.id}/brandnames`)
      .send({ label: 'BO TTTT', displayName: 'Bộ TT&TT' })
      .expect(201);
    expect(brand.body).toMatchObject({ label: 'BO TTTT', displayName: 'Bộ TT&TT', displayNameAscii: 'Bo TT&TT', status: 'pending' });
    const approvedBrand = await second.post(`/v1/brandnames/${brand.body.id}/approve`).send({}).expect(200);
    expect(approvedBrand.body.status).toBe('active');
    const approvedAt = new Date(approvedBrand.body.approvedAt);
    expect(new Date(approvedBrand.body.expiresAt).getUTCFullYear()).toBe(approvedAt.getUTCFullYear() + 3);

    // Three numbers: two through the API (an agency admin of MIC submits one), one by CSV. The admin names the
    // carrier holding each of its numbers, which confirms before approval; root's own number needs no carrier.
    const { code: holder } = await h.holdingCarrier();
    await h.createUser('mic.admin', 'agency_admin', org.body.id);
    const micAdmin = await h.as('mic.admin');
    const n1 = await root
      .post(`/v1/organizations/${org.body.id}/numbers`)
      .send({ number: '024 3943 7142', brandnameId: brand.body.id, evidence: 'Công văn 123/BTTTT' })
      .expect(201);
    expect(n1.body).toMatchObject({ number: '+842439437142', type: 'fixed_line', direction: 'outbound', status: 'pending' });
    const n2 = await micAdmin
      .post(`/v1/organizations/${org.body.id}/numbers`)
      .send({ number: '+84 912 345 678', brandnameId: brand.body.id, holdingCarrier: holder })
      .expect(201);
    const csv = `number,label,direction,allowedOrigins,validFrom,validTo,holdingCarrier\n1800 1234,BO TTTT,outbound,,,,${holder}\n`;
    const imported = await micAdmin
      .post(`/v1/organizations/${org.body.id}/numbers/import`)
      .attach('file', Buffer.from(csv), { filename: 'numbers.csv', contentType: 'text/csv' })
      .expect(200);
    expect(imported.body).toEqual({ total: 1, accepted: 1, rejected: 0, dryRun: false, rows: [] });

    const pending = await second.get(`/v1/organizations/${org.body.id}/numbers?status=pending`).expect(200);
    expect(pending.body.total).toBe(3);
    expect(pending.body.items.map((n: { number: string }) => n.number).sort()).toEqual(['+8418001234', '+842439437142', '+84912345678']);

    // Approved by the other regulator; root submitted n1 and may not approve it, but may approve the admin's.
    await root.post(`/v1/numbers/${n1.body.id}/approve`).send({}).expect(403);
    const admins = pending.body.items.filter((n: { id: string }) => n.id !== n1.body.id);
    expect((await second.post(`/v1/numbers/${admins[0].id}/approve`).send({})).body.code).toBe('CARRIER_CONFIRMATION_REQUIRED');
    for (const n of admins) await h.confirmHolding(n.id);
    for (const n of pending.body.items) await second.post(`/v1/numbers/${n.id}/approve`).send({}).expect(200);
    const active = await root.get(`/v1/organizations/${org.body.id}/numbers?status=active`).expect(200);
    expect(active.body.total).toBe(3);
    expect(n2.body.lastChangedBy).not.toBe(reg2.body.id);

    // What carriers will see: three published entries, in the feed right after the protected names the registry
    // published at its first start.
    const published = await h.ds.query(`SELECT e164, entry FROM published_numbers ORDER BY e164`);
    expect(published).toHaveLength(3);
    expect(published[0].entry).toMatchObject({
      state: 'active',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
    });
    const [{ version }] = await h.ds.query(`SELECT version FROM registry_state`);
    const [{ names }] = await h.ds.query(`SELECT count(*)::int AS names FROM published_protected_names`);
    expect(names).toBeGreaterThan(0);
    expect(Number(version)).toBe(names + 3);
    const numbers = await h.ds.query(`SELECT version FROM registry_changes WHERE e164 IS NOT NULL ORDER BY version`);
    expect(numbers.map((r: { version: string }) => Number(r.version))).toEqual([names + 1, names + 2, names + 3]);

    // Every state change left one audit event, and the chain verifies.
    const verify = await second.get('/v1/audit-events/verify').expect(200);
    expect(verify.body).toMatchObject({ valid: true, brokenAt: null });
    const events = await root.get('/v1/audit-events?limit=500').expect(200);
    expect(events.body.items).toHaveLength(verify.body.checked);
    const actions = events.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'number.approve')).toHaveLength(3);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'organization.create',
        'organization.approve',
        'brandname.create',
        'brandname.approve',
        'number.create',
        'number.import',
      ]),
    );
  });
});
