import type { OpContext, OpSpec } from './steps';
import { cliFile, runCli } from './registry-client';
import { pick } from './targets';

/**
 * Operations on accounts, through the API and through the admin CLI on the server. Each one that hands the
 * attacker a password (one it chose, a one-time password shown to it, one the CLI printed) gives it the account.
 */
export type AccountOp =
  | 'user.create'
  | 'user.reset-password'
  | 'user.promote'
  | 'user.demote'
  | 'user.approve'
  | 'user.enroll'
  | 'user.status'
  | 'cli.user-create'
  | 'cli.reset-password'
  | 'cli.numbers-import';

const ROLES = ['agency_admin', 'regulator', 'auditor', 'regulator'] as const;

async function patchUser(ctx: OpContext, pool: typeof ctx.users, change: object, what: string): Promise<void> {
  const target = pick(pool, ctx.step.a);
  if (!target) return void ctx.run.log.push(`${ctx.label}: ${what}: nobody to target`);
  const res = await ctx.run.as(ctx.actor!, ctx.label, 'patch', `/v1/users/${target.id}`, { version: target.version, ...change });
  ctx.run.note(`${ctx.label}: PATCH user ${target.username} ${JSON.stringify(change)}`, res);
}

export const accountOps: Record<AccountOp, OpSpec> = {
  // Mostly as a held regulator; one step in three as any held account (an agency admin makes agency admins).
  'user.create': {
    actor: (step) => (step.b % 3 === 2 ? 'any' : 'regulator'),
    async run(ctx) {
      const { run, step } = ctx;
      const regulatorActing = ctx.actorRow?.role === 'regulator';
      // An agency admin may create agency admins of its own organization only: it tries nothing else.
      const role = ctx.actorRow?.role === 'agency_admin' ? 'agency_admin' : ROLES[step.v % ROLES.length];
      const orgs = await ctx.targets.organizations();
      const org = role === 'agency_admin' && regulatorActing ? pick(orgs, step.a) : undefined;
      const username = `atk.u${run.next()}`;
      // A regulator may be enrolled instead: the attacker is shown only the first half of its code.
      const enroll = role === 'regulator' && step.b % 4 === 3;
      const chosen = !enroll && step.b % 2 === 0 ? `${username}-chosen-pass` : undefined;
      const how = enroll ? { enroll: true } : chosen ? { password: chosen } : {};
      const body = { username, role, ...how, ...(org ? { organizationId: org.id } : {}) };
      const res = await run.as(ctx.actor!, ctx.label, 'post', '/v1/users', body);
      const made = enroll ? 'enrolled' : chosen ? 'chosen password' : 'one-time password';
      run.note(`${ctx.label}: create ${role} ${username}${org ? ` of ${org.name}` : ''} (${made})`, res);
      if (res?.status !== 201) return;
      if (enroll) run.holdings.enrollmentHalves[username] = { first: res.body.enrollmentCode };
      else run.control({ username, id: res.body.id, password: chosen ?? res.body.oneTimePassword });
    },
  },

  // Another's account (one already held gains nothing); a regulator tries it first, as it may reset anyone's.
  'user.reset-password': {
    actor: 'regulator',
    async run(ctx) {
      const target = pick(
        ctx.users.filter((u) => u.id !== ctx.actor!.id && !ctx.run.account(u.id)),
        ctx.step.a,
      );
      if (!target) return;
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/users/${target.id}/reset-password`, {});
      ctx.run.note(`${ctx.label}: reset the password of ${target.username}`, res);
      if (res?.status === 200) ctx.run.control({ username: target.username, id: target.id, password: res.body.oneTimePassword });
    },
  },

  'user.promote': {
    actor: 'regulator',
    run: (ctx) =>
      patchUser(
        ctx,
        ctx.users.filter((u) => u.role !== 'regulator'),
        { role: 'regulator' },
        'promote',
      ),
  },

  // One regulator, or (v even) every other regulator in turn: whoever could review the attacker.
  'user.demote': {
    actor: 'regulator',
    async run(ctx) {
      const others = ctx.users.filter((u) => u.role === 'regulator' && u.id !== ctx.actor!.id);
      const targets = ctx.step.v % 2 === 0 ? others : [pick(others, ctx.step.a)].filter((u) => u !== undefined);
      for (const target of targets) await patchUser(ctx, [target], { role: 'auditor' }, 'demote');
    },
  },

  'user.status': {
    actor: 'any',
    async run(ctx) {
      const enable = ctx.step.v % 3 === 2;
      const pool = ctx.users.filter((u) => (enable ? u.status === 'disabled' : u.status === 'active' && u.id !== ctx.actor!.id));
      await patchUser(ctx, pool, { status: enable ? 'active' : 'disabled' }, enable ? 'enable' : 'disable');
    },
  },

  'user.approve': {
    actor: 'regulator',
    async run(ctx) {
      const target = pick(
        ctx.users.filter((u) => u.status === 'pending'),
        ctx.step.a,
      );
      if (!target) return void ctx.run.log.push(`${ctx.label}: approve an account: none pending`);
      const res = await ctx.run.as(ctx.actor!, ctx.label, 'post', `/v1/users/${target.id}/approve`, {});
      ctx.run.note(`${ctx.label}: approve the account ${target.username} (${target.role})`, res);
      // An enrollment's approval shows its approver the second half of the code.
      if (res?.status === 200 && res.body.enrollmentCode) {
        const halves = (ctx.run.holdings.enrollmentHalves[target.username] ??= {});
        halves.second = res.body.enrollmentCode;
      }
    },
  },

  // With both halves of an enrollment code in hand, set the account's password: the account is then the attacker's.
  'user.enroll': {
    actor: 'none',
    async run(ctx) {
      const held = Object.entries(ctx.run.holdings.enrollmentHalves).filter(([, v]) => v.first && v.second);
      const [username, halves] = pick(held, ctx.step.a) ?? [];
      if (!username || !halves) return void ctx.run.log.push(`${ctx.label}: enroll: no account with both halves held`);
      const newPassword = `${username}-enrolled-pass`;
      const res = await ctx.run.call(null, 'post', '/v1/auth/enroll', {
        username,
        firstCode: halves.first,
        secondCode: halves.second,
        newPassword,
      });
      ctx.run.note(`${ctx.label}: enroll ${username} with both halves`, res);
      const [row] = (await ctx.targets.users()).filter((u) => u.username === username);
      if (res.status === 200 && row) ctx.run.control({ username, id: row.id, password: newPassword });
    },
  },

  'cli.user-create': {
    actor: 'cli',
    async run(ctx) {
      const { run, step } = ctx;
      const role = ROLES[step.v % ROLES.length];
      const username = `atk.c${run.next()}`;
      const org = role === 'agency_admin' ? pick(await ctx.targets.organizations(), step.a) : undefined;
      run.used.add(run.cliLabel);
      const out = await runCli('user:create', '--username', username, '--role', role, ...(org ? ['--org', org.name] : []));
      run.log.push(
        `${ctx.label}: cli user:create ${username} --role ${role}${org ? ` --org ${org.name}` : ''} → exit ${out.code} ${out.stderr.join(' ')}`,
      );
      const password = out.stdout.join('\n').match(/Password \(shown once\): (\S+)/)?.[1];
      const [row] = await ctx.targets.users().then((us) => us.filter((u) => u.username === username));
      if (out.code === 0 && password && row) run.control({ username, id: row.id, password });
    },
  },

  'cli.reset-password': {
    actor: 'cli',
    async run(ctx) {
      const target = pick(ctx.users, ctx.step.a);
      if (!target) return;
      ctx.run.used.add(ctx.run.cliLabel);
      const out = await runCli('user:reset-password', '--username', target.username);
      ctx.run.log.push(`${ctx.label}: cli user:reset-password ${target.username} → exit ${out.code} ${out.stderr.join(' ')}`);
      const password = out.stdout.join('\n').match(/One-time password \(shown once\): (\S+)/)?.[1];
      if (out.code === 0 && password) ctx.run.control({ username: target.username, id: target.id, password });
    },
  },

  'cli.numbers-import': {
    actor: 'cli',
    async run(ctx) {
      const { run, step } = ctx;
      const org = pick(await ctx.targets.organizations(), step.a);
      const brand = org && pick(await ctx.targets.brandnames(org.id), step.b);
      if (!org || !brand) return;
      const origins = [[], ['VIETTEL'], ['INTERNATIONAL'], ['VIETTEL', 'INTERNATIONAL']][step.v % 4];
      const national = `0913${String(run.next()).padStart(6, '0')}`;
      const file = cliFile(`number,label,allowedOrigins\n${national},${brand.name},${origins.join(';')}\n`);
      run.used.add(run.cliLabel);
      const out = await runCli('numbers:import', '--org', org.name, '--file', file);
      run.log.push(
        `${ctx.label}: cli numbers:import ${national} → ${org.name}/${brand.name} [${origins}] → exit ${out.code} ${out.stdout.join(' ')}`,
      );
    },
  },
};
