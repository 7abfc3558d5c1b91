import type { OpContext, OpSpec } from './steps';
import { actorKind } from './model';
import { pick } from './targets';

/** Operations on organizations, brandnames and numbers: registrations, edits, reviews, revisions, reorganizations. */
export type ItemOp =
  | 'number.create'
  | 'number.edit'
  | 'brandname.create'
  | 'brandname.edit'
  | 'organization.edit'
  | 'review'
  | 'revision.decide'
  | 'approve-all-pending'
  | 'reorganization.propose'
  | 'reorganization.approve';

const KINDS = ['numbers', 'numbers', 'brandnames', 'organizations'] as const;
// `reinstate` requests a reinstatement; `reinstate/approve` decides one (a second person's step).
const ACTIONS = ['approve', 'reinstate', 'suspend', 'reject', 'revoke', 'reinstate/approve'] as const;
const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima', 'Mike', 'Nova'];
const word = (n: number) => WORDS[n % WORDS.length] + (n >= WORDS.length ? ` ${Math.floor(n / WORDS.length)}` : '');

/** An agency admin acts on its own organization; anyone else on the one the step picks. */
function ownOrganization(ctx: OpContext): string | null {
  return ctx.actorRow?.role === 'agency_admin' ? ctx.actorRow.organization_id : null;
}

async function organizationFor(ctx: OpContext) {
  const own = ownOrganization(ctx);
  const orgs = await ctx.targets.organizations();
  return own ? orgs.find((o) => o.id === own) : pick(orgs, ctx.step.a);
}

async function approveAll(ctx: OpContext): Promise<void> {
  const { run } = ctx;
  const queue = await run.as(ctx.actor!, ctx.label, 'get', '/v1/reviews/pending?limit=200');
  if (queue?.status !== 200) return run.note(`${ctx.label}: read the review queue`, queue);
  type Item = { kind: string; id: string; change: string; number?: string; label?: string; organization: { code: string } };
  const items: Item[] = queue.body.items;
  if (items.length === 0) return void run.log.push(`${ctx.label}: approve everything pending: queue empty`);
  const res = await run.as(ctx.actor!, ctx.label, 'post', '/v1/reviews/approve', {
    items: items.map((i) => ({ kind: i.kind, id: i.id, change: i.change })),
  });
  run.note(`${ctx.label}: approve everything pending (${items.length} items)`, res);
  if (res?.status !== 200) return;
  const name = (i: Item) =>
    `${i.kind.slice(0, -1)} ${i.number ?? i.label ?? i.organization.code}${i.change === 'new' ? '' : ` (${i.change})`}`;
  const results: Array<{ ok: boolean; error?: { code: string } }> = res.body.results;
  run.log.push(`    ${results.map((r, k) => `${name(items[k])}: ${r.ok ? 'approved' : r.error?.code}`).join('; ')}`);
}

export const itemOps: Record<ItemOp, OpSpec> = {
  'number.create': {
    actor: 'any',
    async run(ctx) {
      const { run, step } = ctx;
      const org = await organizationFor(ctx);
      const brand = org && pick(await ctx.targets.brandnames(org.id), step.b);
      if (!org || !brand) return void run.log.push(`${ctx.label}: register a number: no brandname`);
      const allowedOrigins = [[], ['VIETTEL'], ['INTERNATIONAL'], ['VIETTEL', 'INTERNATIONAL']][step.v % 4];
      const holdingCarrier = [undefined, 'VIETTEL', 'VINAPHONE'][(step.v >> 2) % 3];
      // Mostly a fresh number; sometimes a claim on a number registered elsewhere.
      const existing = (step.v >> 4) % 2 === 1 ? pick(await ctx.targets.numbers(), step.b) : undefined;
      const number = existing ? `0${existing.e164.slice(3)}` : `0913${String(run.next()).padStart(6, '0')}`;
      const body = { number, brandnameId: brand.id, allowedOrigins, ...(holdingCarrier ? { holdingCarrier } : {}) };
      const res = await run.as(ctx.actor!, ctx.label, 'post', `/v1/organizations/${org.id}/numbers`, body);
      run.note(`${ctx.label}: register ${number} for ${org.name}/${brand.name} [${allowedOrigins}] held by ${holdingCarrier ?? '-'}`, res);
    },
  },

  'number.edit': {
    actor: 'any',
    async run(ctx) {
      const { run, step } = ctx;
      const n = pick(await ctx.targets.numbers(ownOrganization(ctx)), step.a);
      if (!n) return;
      const plus = (o: string) => [...new Set([...n.allowed_origins, o])];
      let change: object;
      switch (step.v % 5) {
        case 0:
          change = { allowedOrigins: plus('INTERNATIONAL') };
          break;
        case 1:
          change = { allowedOrigins: [] };
          break;
        case 2:
          change = { allowedOrigins: plus('VINAPHONE') };
          break;
        case 3: {
          const others = (await ctx.targets.brandnames(n.organization_id)).filter((b) => b.id !== n.brandname_id);
          const to = pick(others, step.b);
          if (!to) return void run.log.push(`${ctx.label}: switch the brandname of ${n.e164}: no other brandname`);
          change = { brandnameId: to.id };
          break;
        }
        default:
          change = { allowedOrigins: n.allowed_origins.slice(1), evidence: `Công văn ${run.next()}` };
      }
      const res = await run.as(ctx.actor!, ctx.label, 'patch', `/v1/numbers/${n.id}`, { version: n.version, ...change });
      run.note(`${ctx.label}: edit number ${n.e164} (${n.status}) ${JSON.stringify(change)}`, res);
    },
  },

  'brandname.create': {
    actor: 'any',
    async run(ctx) {
      const org = await organizationFor(ctx);
      if (!org) return;
      const k = ctx.run.next();
      const body = { label: `ATK ${k}`, displayName: `Cổng ${word(k)}`, callReason: 'Thông báo' };
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/organizations/${org.id}/brandnames`, body);
      ctx.run.note(`${ctx.label}: create brandname ${body.label} "${body.displayName}" for ${org.name}`, res);
    },
  },

  'brandname.edit': {
    actor: 'any',
    async run(ctx) {
      const { run, step } = ctx;
      const b = pick(await ctx.targets.brandnames(ownOrganization(ctx)), step.a);
      if (!b) return;
      const k = run.next();
      const change = [{ displayName: `Tổng đài ${word(k)}` }, { callReason: `Xác minh tài khoản ${k}` }, { label: `ATK ${k}` }][step.v % 3];
      const res = await run.as(ctx.actor!, ctx.label, 'patch', `/v1/brandnames/${b.id}`, { version: b.version, ...change });
      run.note(`${ctx.label}: edit brandname ${b.name} (${b.status}) ${JSON.stringify(change)}`, res);
    },
  },

  'organization.edit': {
    actor: 'regulator',
    async run(ctx) {
      const o = pick(await ctx.targets.organizations(), ctx.step.a);
      if (!o) return;
      const change = { name: `Cơ quan ${word(ctx.run.next())}` };
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'patch', `/v1/organizations/${o.id}`, { version: o.version, ...change });
      ctx.run.note(`${ctx.label}: rename organization ${o.name} ${JSON.stringify(change)}`, res);
    },
  },

  // A regulator's decision; a suspension may also be an agency admin's emergency stop.
  review: {
    actor: (step) => (ACTIONS[step.b % ACTIONS.length] === 'suspend' ? 'any' : 'regulator'),
    async run(ctx) {
      const { run, step } = ctx;
      const kind = KINDS[step.v % KINDS.length];
      const action = ACTIONS[step.b % ACTIONS.length];
      const item = pick(await ctx.targets.items(kind, kind === 'organizations' ? null : ownOrganization(ctx)), step.a);
      if (!item) return;
      const body = action === 'approve' || action === 'reinstate/approve' ? {} : { reason: `Lý do: ${action}` };
      const res = await run.as(ctx.actor!, ctx.label, 'post', `/v1/${kind}/${item.id}/${action}`, body);
      run.note(`${ctx.label}: ${action} ${kind.slice(0, -1)} ${item.name} (${item.status})`, res);
    },
  },

  'revision.decide': {
    actor: 'regulator',
    async run(ctx) {
      const r = pick(await ctx.targets.pendingRevisions(), ctx.step.a);
      if (!r) return void ctx.run.log.push(`${ctx.label}: decide a revision: none pending`);
      const decision = ctx.step.v % 4 === 3 ? 'reject' : 'approve';
      const body = decision === 'reject' ? { reason: 'Không đồng ý' } : {};
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/${r.kind}/${r.id}/revision/${decision}`, body);
      ctx.run.note(`${ctx.label}: ${decision} the pending revision of ${r.kind.slice(0, -1)} ${r.name}`, res);
    },
  },

  // Approve everything in the review queue; with v % 2 = 0, as each active regulator account held, in turn.
  'approve-all-pending': {
    actor: 'regulator',
    async run(ctx) {
      const regulators = ctx.run.holdings.accounts.filter((a) =>
        ctx.users.some((u) => u.id === a.id && u.role === 'regulator' && u.status === 'active'),
      );
      const approvers = ctx.step.v % 2 === 0 && regulators.length > 1 ? regulators : [ctx.actor!];
      if (approvers.length > 1) ctx.run.actors[ctx.run.currentStep] = approvers.map((a) => actorKind(a.username)).join(', then ');
      for (const approver of approvers)
        await approveAll({ ...ctx, actor: approver, label: ctx.label.replace(/ \S+$/, ` ${approver.username}`) });
    },
  },

  'reorganization.propose': {
    actor: 'regulator',
    async run(ctx) {
      const { run, step } = ctx;
      const live = (await ctx.targets.numbers()).filter((n) => n.status === 'active' || n.status === 'suspended');
      const n = pick(live, step.a);
      const orgs = (await ctx.targets.organizations()).filter((o) => o.status === 'active' && o.id !== n?.organization_id);
      const to = pick(orgs, step.b);
      const brand = to && (await ctx.targets.brandnames(to.id)).find((b) => b.status === 'active');
      if (!n || !to || !brand) return void run.log.push(`${ctx.label}: propose a reorganization: no target`);
      const merge = step.v % 3 === 2;
      const body = {
        kind: merge ? 'merge' : 'transfer',
        fromOrganizationId: n.organization_id,
        toOrganizationId: to.id,
        toBrandnameId: brand.id,
        ...(merge ? {} : { numberIds: [n.id] }),
        effectiveAt: '2025-03-01T00:00:00+07:00',
        reason: 'Nghị định sắp xếp bộ máy',
      };
      const res = await run.as(ctx.actor!, ctx.label, 'post', '/v1/reorganizations', body);
      run.note(`${ctx.label}: propose ${body.kind} of ${merge ? 'the owner of ' : ''}${n.e164} into ${to.name}/${brand.name}`, res);
    },
  },

  'reorganization.approve': {
    actor: 'regulator',
    async run(ctx) {
      const r = pick(await ctx.targets.reorganizations('pending'), ctx.step.a);
      if (!r) return void ctx.run.log.push(`${ctx.label}: approve a reorganization: none pending`);
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/reorganizations/${r.id}/approve`, {});
      ctx.run.note(`${ctx.label}: approve reorganization ${r.id.slice(0, 8)}`, res);
    },
  },
};
