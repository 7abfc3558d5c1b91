import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import { refused } from '../support/expect-refusal';
import { startWorld } from '../support/world';
import { Item, Items } from '../support/items';
import { FILE_ADDRESS, MediumRegistry, Person } from '../support/medium-registry';
import { Kind, Space } from '../support/space';

/**
 * The write pipeline's audit: each review step of an organization, a brandname and a number writes exactly one
 * event, in the write's own transaction, naming who acted with the request's id and address, the item before and
 * after, and the decided request of a reinstatement; a refused write writes none. (The audit log over HTTP: the
 * request id and address a request gives, filters, paging, the CSV export, the database's refusals and the hash
 * chain: test/registry/audit.e2e-spec.ts.)
 */

interface StoredEvent {
  actorId: string | null;
  actorRole: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

let r: MediumRegistry;
let s: Space;
let items: Items;
let root: Person;
let reg2: Person;
let orgId: string;
let requests = 0;

/** The events a request wrote. */
async function eventsOf(requestId: string): Promise<StoredEvent[]> {
  return r.ds.query(
    `SELECT actor_id AS "actorId", actor_role AS "actorRole", actor_label AS "actorLabel", action, entity_type AS "entityType",
            entity_id AS "entityId", before, after, request_id AS "requestId", ip, prev_hash AS "prevHash", hash
       FROM audit_events WHERE request_id = $1 ORDER BY seq`,
    [requestId],
  );
}

/** JSON, as the audit stores it (dates as strings, no undefined). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/**
 * Runs one write as `by` under its own request id and checks that it wrote exactly one event, carrying everything
 * expected; `after` defaults to what the write returned.
 */
async function audited(
  by: Person,
  write: (ctx: ReturnType<Person['ctx']>) => Promise<Item>,
  expected: { action: string; entityType: string; entityId: string; before: object | null; after?: (res: Item) => object },
): Promise<Item> {
  const requestId = `audit-trail-${s.n}-${++requests}`;
  const res = await write(by.ctx(requestId));
  expect(await eventsOf(requestId)).toEqual([
    {
      actorId: by.id,
      actorRole: by.actor.role,
      actorLabel: null,
      action: expected.action,
      entityType: expected.entityType,
      entityId: expected.entityId,
      before: expected.before === null ? null : json(expected.before),
      after: expected.after ? expected.after(res) : json(res),
      requestId,
      ip: FILE_ADDRESS,
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    },
  ]);
  return res;
}

const ENTITY: Record<Kind, string> = { organizations: 'organization', brandnames: 'brandname', numbers: 'number' };

beforeAll(async () => {
  ({
    r,
    s,
    items,
    root,
    regulators: [reg2],
  } = await startWorld('reg2'));
  orgId = await s.activeOrganization('MIC', 'ministry', { approver: reg2 });
});
afterAll(() => r?.stop());

describe('every review step writes exactly one event', () => {
  /** A pending item of the kind, submitted by root. */
  async function submit(kind: Kind): Promise<Item> {
    if (kind === 'organizations')
      return r.get(OrganizationsService).create(root.ctx(), { code: s.code(`ORG${s.token()}`), name: 'Tổ chức', kind: 'other' });
    if (kind === 'brandnames') return r.get(BrandnamesService).create(root.ctx(), orgId, s.names());
    const brandnameId = await s.activeBrandname(orgId, s.names(), { approver: reg2 });
    return r.get(NumbersService).create(root.ctx(), orgId, { number: s.number(), brandnameId });
  }

  it.each<Kind>(['organizations', 'brandnames', 'numbers'])(
    '%s: approve, suspend, a reinstatement requested and rejected, requested again and approved, revoke; and reject',
    async (kind) => {
      const entityType = ENTITY[kind];
      let before = await submit(kind);
      const id = before.id;
      const step = async (
        by: Person,
        action: string,
        write: (ctx: ReturnType<Person['ctx']>) => Promise<Item>,
        after?: (res: Item) => object,
      ) => {
        before = await audited(by, write, {
          action: `${entityType}.${action}`,
          entityType,
          entityId: id,
          before: action === 'reinstate_request' ? null : before,
          after,
        });
      };
      const act = (action: 'approve' | 'suspend' | 'reinstate' | 'revoke', reason?: string) => (ctx: ReturnType<Person['ctx']>) =>
        items.act(ctx, kind, id, action, reason);
      // A request is audited with the request alone (nothing of the item changes); a decision with the item before
      // and after, and the decided request.
      const requested = (res: Item) => ({
        status: 'suspended',
        pendingReinstate: {
          ...res.pendingReinstate,
          kind: 'reinstate',
          status: 'pending',
          reason: 'Lý do reinstate',
          submittedBy: reg2.id,
        },
      });
      const decided = (status: string, reason: string | null) => (res: Item) => ({
        ...json(res),
        decidedReinstate: expect.objectContaining({ kind: 'reinstate', status, reason: 'Lý do reinstate', submittedBy: reg2.id }),
        reason,
      });
      await step(reg2, 'approve', act('approve'));
      await step(reg2, 'suspend', act('suspend', 'Lý do suspend'));
      await step(reg2, 'reinstate_request', act('reinstate', 'Lý do reinstate'), requested);
      await step(
        root,
        'reinstate_reject',
        (ctx) => items.reinstatement(ctx, kind, id, 'reject', 'Chưa đủ căn cứ'),
        decided('rejected', 'Chưa đủ căn cứ'),
      );
      await step(reg2, 'reinstate_request', act('reinstate', 'Lý do reinstate'), requested);
      // The suspender's own approval of the reinstatement it requested is refused, and writes nothing.
      const refusedId = `audit-trail-${s.n}-${++requests}`;
      await refused(items.reinstatement(reg2.ctx(refusedId), kind, id, 'approve'), 403, 'FOUR_EYES_REQUIRED');
      expect(await eventsOf(refusedId)).toEqual([]);
      await step(root, 'reinstate_approve', (ctx) => items.reinstatement(ctx, kind, id, 'approve'), decided('approved', null));
      await step(reg2, 'revoke', act('revoke', 'Lý do revoke'));
      expect(before).toMatchObject({ status: 'revoked', statusReason: 'Lý do revoke', pendingReinstate: null });

      const rejected = await submit(kind);
      await audited(reg2, (ctx) => items.act(ctx, kind, rejected.id, 'reject', 'Thiếu hồ sơ'), {
        action: `${entityType}.reject`,
        entityType,
        entityId: rejected.id,
        before: rejected,
      });
    },
  );
});

describe('refused writes write nothing', () => {
  it('a refused transition, a stale version, a bad label and a taken username write no event', async () => {
    const ids = Array.from({ length: 4 }, () => `audit-trail-${s.n}-${++requests}`);
    const org = await items.get(root, 'organizations', orgId);
    const ctx = (by: Person, i: number) => by.ctx(ids[i]);
    await refused(
      r.get(OrganizationsService).update(ctx(root, 0), orgId, { version: org.version - 1, rolloutWave: 5 }),
      409,
      'VERSION_CONFLICT',
    );
    await refused(items.act(ctx(reg2, 1), 'organizations', orgId, 'approve'), 409, 'INVALID_TRANSITION');
    await refused(r.get(BrandnamesService).create(ctx(root, 2), orgId, { label: 'BỘ', displayName: 'Bộ' }), 400, 'INVALID_LABEL');
    await refused(
      r.get(UsersService).create(ctx(root, 3), { username: reg2.username, password: 'reg2-password-123', role: 'regulator' }),
      409,
      'DUPLICATE_USERNAME',
    );
    for (const id of ids) expect(await eventsOf(id)).toEqual([]);
  });
});
