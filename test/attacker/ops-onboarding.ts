import type { OpContext, OpSpec } from './steps';
import { pick } from './targets';

/**
 * Onboarding: invitations (the sender holds the token), applications filled in with a held token (the applicant
 * account is then held too), the checklist, documents, decisions; and the holding carrier's word, given with its
 * key or by a regulator on its behalf.
 */
export type OnboardingOp =
  | 'invitation.create'
  | 'application.apply'
  | 'application.tick'
  | 'application.document'
  | 'application.approve'
  | 'application.request-changes'
  | 'holding.confirm-on-behalf'
  | 'carrier.confirm'
  | 'carrier.release';

const CHECKLIST = ['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers'];

async function application(ctx: OpContext) {
  const apps = await ctx.targets.applications();
  const own = ctx.actorRow?.role === 'agency_admin' ? ctx.actorRow.organization_id : null;
  return pick(own ? apps.filter((a) => a.organization_id === own) : apps, ctx.step.a);
}

async function decide(ctx: OpContext, action: 'approve' | 'request-changes') {
  const app = await application(ctx);
  if (!app) return;
  const body = action === 'approve' ? {} : { reason: 'Bổ sung hồ sơ' };
  const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/applications/${app.id}/${action}`, body);
  ctx.run.note(`${ctx.label}: ${action} the application of ${app.code} (${app.status})`, res);
}

export const onboardingOps: Record<OnboardingOp, OpSpec> = {
  'invitation.create': {
    actor: 'regulator',
    async run(ctx) {
      const k = ctx.run.next();
      const body = { organizationCode: `ATK${k}`, organizationName: `Cơ quan thử ${k}`, kind: 'other' };
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', '/v1/invitations', body);
      ctx.run.note(`${ctx.label}: invite ${body.organizationCode}`, res);
      if (res?.status === 201) ctx.run.holdings.invitationTokens.push(res.body.token);
    },
  },

  // Needs no account: the token is the credential. The acting account is ignored.
  'application.apply': {
    actor: 'any',
    async run(ctx) {
      const { run, step } = ctx;
      const token = pick(run.holdings.invitationTokens, step.a);
      if (!token) return void run.log.push(`${ctx.label}: apply: holds no invitation token`);
      const k = run.next();
      const username = `atk.app${k}`;
      const password = `${username}-chosen-pass`;
      const body = {
        invitationToken: token,
        applicant: { username, password, fullName: 'Người nộp thử', email: `app${k}@example.gov.vn`, phone: '024 3822 6602' },
        brandname: { label: `APP ${k}`, displayName: `Cổng ứng dụng ${k}`, callReason: 'Thông báo' },
        numbers: [{ number: `0914${String(k).padStart(6, '0')}`, holdingCarrier: step.v % 2 === 0 ? 'VIETTEL' : 'VINAPHONE' }],
      };
      run.actors[run.actors.length - 1] = 'a held invitation token';
      const res = await run.call(null, 'post', '/v1/applications', body);
      run.note(`${ctx.label}: apply with a held invitation token, as ${username}`, res);
      if (res.status === 201) {
        const [row] = (await ctx.targets.users()).filter((u) => u.username === username);
        run.used.add(row.id);
        run.control({ username, id: row.id, password });
        run.holdings.invitationTokens = run.holdings.invitationTokens.filter((t) => t !== token);
      }
    },
  },

  'application.tick': {
    actor: 'regulator',
    async run(ctx) {
      const app = await application(ctx);
      if (!app) return;
      for (const item of CHECKLIST) {
        const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/applications/${app.id}/checklist`, { item, checked: true });
        ctx.run.note(`${ctx.label}: tick ${item} of ${app.code}`, res);
        if (res?.status !== 200) break;
      }
    },
  },

  'application.document': {
    actor: 'any',
    async run(ctx) {
      const app = await application(ctx);
      if (!app) return;
      const token = await ctx.run.signIn(ctx.actor!, ctx.label);
      if (!token) return;
      ctx.run.used.add(ctx.actor!.id);
      const res = await ctx.run.client.upload(`/v1/applications/${app.id}/documents`, { token }, { kind: 'decision' });
      ctx.run.note(`${ctx.label}: add a decision document to the application of ${app.code}`, res);
    },
  },

  'application.approve': { actor: 'regulator', run: (ctx) => decide(ctx, 'approve') },
  'application.request-changes': { actor: 'regulator', run: (ctx) => decide(ctx, 'request-changes') },

  'holding.confirm-on-behalf': {
    actor: 'regulator',
    async run(ctx) {
      const n = pick(await ctx.targets.pendingHoldings(), ctx.step.a);
      if (!n) return void ctx.run.log.push(`${ctx.label}: confirm for a carrier: nothing pending`);
      const token = await ctx.run.signIn(ctx.actor!, ctx.label);
      if (!token) return;
      ctx.run.used.add(ctx.actor!.id);
      const res = await ctx.run.client.upload(`/v1/numbers/${n.id}/holding-confirmation`, { token }, { reason: 'Công văn của nhà mạng' });
      ctx.run.note(`${ctx.label}: confirm ${n.e164} on behalf of its carrier`, res);
    },
  },

  'carrier.confirm': {
    actor: 'carrier',
    async run(ctx) {
      const carrier = ctx.run.holdings.carrier!;
      const n = pick(await ctx.targets.pendingHoldings(carrier.code), ctx.step.a);
      if (!n) return void ctx.run.log.push(`${ctx.label}: answer for a number: nothing pending`);
      const decision = ctx.step.v % 4 === 3 ? 'deny' : 'confirm';
      ctx.run.used.add(carrier.id);
      const res = await ctx.run.call({ apiKey: carrier.key }, 'post', `/v1/carrier/number-confirmations/${n.id}`, { decision });
      ctx.run.note(`${ctx.label}: ${decision} holding ${n.e164}`, res);
    },
  },

  'carrier.release': {
    actor: 'carrier',
    async run(ctx) {
      const carrier = ctx.run.holdings.carrier!;
      const n = pick(await ctx.targets.confirmedHoldings(carrier.code), ctx.step.a);
      if (!n) return;
      ctx.run.used.add(carrier.id);
      const res = await ctx.run.call({ apiKey: carrier.key }, 'post', `/v1/carrier/number-releases/${n.id}`, {
        reason: 'Thuê bao chấm dứt',
      });
      ctx.run.note(`${ctx.label}: release ${n.e164}`, res);
    },
  },
};
