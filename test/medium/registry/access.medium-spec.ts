import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { NumberQueryDto } from '../../../apps/registry/src/numbers/dto/number.dto';
import { NumbersImportService } from '../../../apps/registry/src/numbers/numbers-import.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { OrganizationQueryDto } from '../../../apps/registry/src/organizations/dto/organization.dto';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { refused } from '../support/expect-refusal';
import { Items } from '../support/items';
import { MediumRegistry, Person } from '../support/medium-registry';
import { Space } from '../support/space';

/**
 * An agency admin works only in its own organization, and never reviews (but the emergency stop of its own
 * items): the services' scope rules. (Who may call which route at all, auditors, tokens, malformed ids and
 * bodies, login throttling: test/registry/access.e2e-spec.ts and test/hardening/rbac-matrix.e2e-spec.ts.)
 */

let r: MediumRegistry;
let s: Space;
let items: Items;
let root: Person;
let adminA: Person;
let orgA: string;
let orgB: string;
let brandA: string;
let brandB: string;
let labelA: string;
let labelB: string;
let numberA: { id: string; version: number };
let numberB: { id: string; version: number };
let holder: string;

const REVIEW_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'] as const;
const numbers = () => r.get(NumbersService);
const brandnames = () => r.get(BrandnamesService);

function csvFile(number: string, label: string): Buffer {
  return Buffer.from(`number,label,holdingCarrier\n${number},${label},${holder}\n`);
}

/** What a refused request of the admin's could have written: its audit events, and organization B's items. */
async function writes(): Promise<Record<string, unknown>> {
  const [row] = await r.ds.query(
    `SELECT (SELECT count(*) FROM audit_events WHERE actor_id = $1)::int AS audit,
            (SELECT count(*) FROM brandnames WHERE organization_id = ANY($2))::int AS brandnames,
            (SELECT count(*) FROM caller_numbers WHERE organization_id = ANY($2))::int AS numbers,
            (SELECT string_agg(status || version, ',' ORDER BY id) FROM caller_numbers WHERE organization_id = ANY($2)) AS number_states,
            (SELECT string_agg(status || version, ',' ORDER BY id) FROM brandnames WHERE organization_id = ANY($2)) AS brandname_states`,
    [adminA.id, [orgA, orgB]],
  );
  return row;
}

beforeAll(async () => {
  r = await MediumRegistry.start();
  s = await Space.claim(r);
  items = new Items(r);
  root = r.root;
  holder = (await s.holdingCarrier()).code;
  orgA = await s.activeOrganization('ORG_A');
  orgB = await s.activeOrganization('ORG_B');
  const namesA = s.names();
  const namesB = s.names();
  labelA = namesA.label;
  labelB = namesB.label;
  brandA = await s.activeBrandname(orgA, namesA);
  brandB = await s.activeBrandname(orgB, namesB);
  numberA = await numbers().create(root.ctx(), orgA, { number: s.number(), brandnameId: brandA });
  numberB = await numbers().create(root.ctx(), orgB, { number: s.number(), brandnameId: brandB });
  adminA = await s.agencyAdmin('a.admin', orgA);
});
afterAll(() => r?.stop());

describe('an agency admin works in its own organization', () => {
  it('creates brandnames and numbers in it, and reads them', async () => {
    const b = await brandnames().create(adminA.ctx(), orgA, s.names());
    expect(b.status).toBe('pending');
    const n = await numbers().create(adminA.ctx(), orgA, { number: s.number(), brandnameId: brandA, holdingCarrier: holder });
    const patched = await numbers().update(adminA.ctx(), n.id, { version: n.version, evidence: 'Hợp đồng 7' });
    expect(patched.evidence).toBe('Hợp đồng 7');
    const imported = await r.get(NumbersImportService).import(adminA.ctx(), orgA, csvFile(s.number(), labelA), false);
    expect(imported.accepted).toBe(1);

    expect((await r.get(OrganizationsService).get(adminA.actor, orgA)).id).toBe(orgA);
    expect(await brandnames().list(adminA.actor, orgA)).toHaveLength(2);
    expect((await numbers().list(adminA.actor, orgA, new NumberQueryDto())).total).toBe(3);
    expect((await numbers().get(adminA.actor, numberA.id)).id).toBe(numberA.id);
    expect((await brandnames().get(adminA.actor, brandA)).id).toBe(brandA);
  });

  it('lists only its own organization', async () => {
    const own = await r.get(OrganizationsService).list(adminA.actor, new OrganizationQueryDto());
    expect(own.map((o) => o.id)).toEqual([orgA]);
    const all = await r.get(OrganizationsService).list(root.actor, new OrganizationQueryDto());
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([orgA, orgB]));
  });

  it("is refused (403 FORBIDDEN) another organization's brandnames and numbers, and nothing is written", async () => {
    const before = await writes();
    const attempts: Array<() => Promise<unknown>> = [
      () => r.get(OrganizationsService).get(adminA.actor, orgB),
      () => brandnames().list(adminA.actor, orgB),
      () => brandnames().create(adminA.ctx(), orgB, s.names()),
      () => brandnames().get(adminA.actor, brandB),
      () => brandnames().update(adminA.ctx(), brandB, { version: 2, callReason: 'Chiếm quyền' }),
      () => numbers().list(adminA.actor, orgB, new NumberQueryDto()),
      () => numbers().create(adminA.ctx(), orgB, { number: s.number(), brandnameId: brandB, holdingCarrier: holder }),
      () => numbers().get(adminA.actor, numberB.id),
      () => numbers().update(adminA.ctx(), numberB.id, { version: numberB.version, evidence: 'Chiếm quyền' }),
      () => r.get(NumbersImportService).import(adminA.ctx(), orgB, csvFile(s.number(), labelB), false),
    ];
    for (const attempt of attempts) await refused(attempt(), 403, 'FORBIDDEN');
    expect(await writes()).toEqual(before);
  });

  it("cannot register one of its numbers under another organization's brandname", async () => {
    await refused(
      numbers().create(adminA.ctx(), orgA, { number: s.number(), brandnameId: brandB, holdingCarrier: holder }),
      404,
      'NOT_FOUND',
    );
  });

  it('is refused (403 FORBIDDEN) every review action, even on its own items, but the emergency stop', async () => {
    const before = await writes();
    const targets = [
      ['organizations', orgA],
      ['brandnames', brandA],
      ['numbers', numberA.id],
      ['numbers', numberB.id],
    ] as const;
    for (const [kind, id] of targets) {
      for (const action of REVIEW_ACTIONS) {
        // Suspending its own brandname or number is allowed (test/registry/review-queue.e2e-spec.ts).
        if (action === 'suspend' && (id === brandA || id === numberA.id)) continue;
        const err = await items.act(adminA, kind, id, action, 'thử').then(
          () => null,
          (e: { code?: string }) => e,
        );
        expect({ kind, action, code: err?.code }).toEqual({ kind, action, code: 'FORBIDDEN' });
      }
    }
    expect(await writes()).toEqual(before);
  });
});
