import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ACTOR, cli } from '../support/cli';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { parseSnapshot } from '../support/snapshot';

/**
 * The admin CLI, run in-process against the same database as a registry app: what it writes must be
 * visible through the API (logins, carrier keys, numbers, the audit chain, the carriers' snapshot).
 */

let h: RegistryHarness;
let dir: string;

/**
 * Runs the CLI with an option it does not know. Commander answers a subcommand's unknown option with
 * process.exit(1) (the exitOverride of cli-options.ts only reaches the root command): the exit is caught here so
 * that the test process survives, and the run reports exit code 1.
 */
async function cliWithUnknownOption(...args: string[]): Promise<{ code: number; exitCalls: unknown[]; printed: string }> {
  const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw Object.assign(new Error(`process.exit(${code})`), { exitCode: code });
  }) as never);
  const printed: string[] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    const res = await cli(...args);
    return { code: res.code, exitCalls: exit.mock.calls.map((c) => c[0]), printed: printed.join('') };
  } finally {
    exit.mockRestore();
    stderr.mockRestore();
  }
}

async function userId(username: string): Promise<string | undefined> {
  return (await h.ds.query(`SELECT id FROM users WHERE username = $1`, [username]))[0]?.id;
}
let orgId: string;

beforeAll(async () => {
  h = await RegistryHarness.start();
  dir = await mkdtemp(join(tmpdir(), 'vbr-cli-'));
  await h.createUser('reg2', 'regulator');
  await (await h.as(ROOT.username)).post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  orgId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông', 'ministry');
  await h.activeBrandname(orgId, 'BO TTTT', 'Bộ TT&TT');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await h?.stop();
});

describe('user:create', () => {
  it("creates a user who can log in, attributed to the CLI's system actor as the out-of-band path; its operator controls it", async () => {
    const res = await cli('user:create', '--username', 'cli.auditor', '--role', 'auditor', '--password', 'auditor-pass-123');
    expect(res).toMatchObject({ code: 0, stderr: [] });
    expect(res.stdout.join('\n')).not.toContain('auditor-pass-123');
    await h.http().post('/v1/auth/login').send({ username: 'cli.auditor', password: 'auditor-pass-123' }).expect(200);
    const id = await userId('cli.auditor');
    const [event] = await h.ds.query(
      `SELECT request_id, actor_id, actor_role, actor_label FROM audit_events WHERE action = 'user.create_out_of_band' AND entity_id = $1`,
      [id],
    );
    expect(event).toEqual({
      request_id: expect.stringMatching(/^cli-[0-9a-f-]{36}$/),
      actor_id: null,
      actor_role: 'system',
      actor_label: CLI_ACTOR,
    });
    const controls = await h.ds.query(`SELECT controller, kind FROM account_controls WHERE account_id = $1`, [id]);
    expect(controls).toEqual([{ controller: CLI_ACTOR, kind: 'created_with_password' }]);
  });

  it('attack: the CLI cannot act as a named account any more: --as is an unknown option, and nothing is created', async () => {
    const res = await cliWithUnknownOption(
      'user:create',
      '--username',
      'as.reg2',
      '--role',
      'auditor',
      '--password',
      'as-reg2-pass-123',
      '--as',
      'reg2',
    );
    expect(res.code).toBe(1);
    // A bad flag is an exit code, never process.exit (which would skip closing the database): CommanderExits.
    expect(res.exitCalls).toEqual([]);
    expect(res.printed).toContain("unknown option '--as'");
    expect(await userId('as.reg2')).toBeUndefined();
  });

  it('a regulator created from the CLI on a registry that has an active regulator waits for a regulator to approve it', async () => {
    const res = await cli('user:create', '--username', 'cli.reg', '--role', 'regulator', '--password', 'cli-reg-pass-123');
    expect(res).toMatchObject({ code: 0, stderr: [] });
    const id = await userId('cli.reg');
    expect((await h.ds.query(`SELECT status FROM users WHERE id = $1`, [id]))[0].status).toBe('pending');
    await h.http().post('/v1/auth/login').send({ username: 'cli.reg', password: 'cli-reg-pass-123' }).expect(401);
    const [event] = await h.ds.query(`SELECT action, actor_id, actor_label FROM audit_events WHERE entity_id = $1`, [id]);
    expect(event).toEqual({ action: 'user.create_out_of_band', actor_id: null, actor_label: CLI_ACTOR });
    // Nobody but the CLI's operator can act as it: root may approve it (done below, after an attempt that may not).
    const listed = (await (await h.as(ROOT.username)).get('/v1/users').expect(200)).body;
    expect(listed.find((u: { id: string }) => u.id === id)).toMatchObject({ status: 'pending', fourEyes: { allowed: true } });
  });

  it('generates and prints a password once when none is given, for an agency admin of --org', async () => {
    const res = await cli('user:create', '--username', 'mic.admin', '--role', 'agency_admin', '--org', 'mic');
    expect(res.code).toBe(0);
    const password = res.stdout.join('\n').match(/Password \(shown once\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    const login = await h.http().post('/v1/auth/login').send({ username: 'mic.admin', password }).expect(200);
    const me = await h.http().get(`/v1/organizations/${orgId}`).set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
  });

  it('exits 2 with code: message when a rule refuses it', async () => {
    expect(await cli('user:create', '--username', 'cli.auditor', '--role', 'auditor', '--password', 'another-pass-123')).toMatchObject({
      code: 2,
      stderr: ['DUPLICATE_USERNAME: Username cli.auditor is taken'],
    });
    const weak = await cli('user:create', '--username', 'x.y.z', '--role', 'nobody', '--password', 'short');
    expect(weak.code).toBe(2);
    expect(weak.stderr[0]).toMatch(/^VALIDATION_FAILED: .*password.*role|^VALIDATION_FAILED: .*role.*password/);
  });
});

describe('carrier:key', () => {
  it('prints a key once; only its sha256 is stored', async () => {
    const res = await cli('carrier:key', '--carrier', 'viettel');
    expect(res.code).toBe(0);
    expect(res.stdout).toHaveLength(1);
    const key = res.stdout[0];
    expect(key).toMatch(/^vbr_viettel_/);
    const sha = createHash('sha256').update(key).digest('hex');
    const rows = await h.ds.query(
      `SELECT k.key_hash FROM carrier_api_keys k JOIN carriers c ON c.id = k.carrier_id WHERE c.code = 'VIETTEL'`,
    );
    expect(rows).toEqual([{ key_hash: sha }]);
    const [event] = await h.ds.query(
      `SELECT actor_id, actor_role, actor_label FROM audit_events WHERE action = 'carrier_api_key.create' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({ actor_id: null, actor_role: 'system', actor_label: CLI_ACTOR });
    const listed = await (await h.as(ROOT.username)).get('/v1/audit-events?entityType=carrier_api_key&limit=1').expect(200);
    expect(listed.body.items[0]).toMatchObject({ actorId: null, actorRole: 'system', actorLabel: CLI_ACTOR });
  });

  it('exits 2 for an unknown carrier', async () => {
    expect(await cli('carrier:key', '--carrier', 'NOPE')).toMatchObject({ code: 2, stderr: ['NOT_FOUND: No carrier NOPE'] });
  });
});

describe('numbers:import', () => {
  const csv = ['number,label', '0243 943 7142,BO TTTT', '0914000001,bo tttt', 'not-a-number,BO TTTT', ''].join('\n');

  it('dry run writes nothing and can write the report as JSON', async () => {
    const file = join(dir, 'numbers.csv');
    await writeFile(file, csv);
    const reportFile = join(dir, 'report.json');
    const res = await cli('numbers:import', '--org', 'MIC', '--file', file, '--dry-run', '--report', reportFile);
    expect(res).toMatchObject({ code: 0, stderr: [] });
    expect(res.stdout[0]).toBe('MIC: would import 2 of 3 rows, 1 rejected');
    const report = JSON.parse(await readFile(reportFile, 'utf8'));
    expect(report).toMatchObject({
      total: 3,
      accepted: 2,
      rejected: 1,
      dryRun: true,
      rows: [{ line: 4, error: { code: 'INVALID_NUMBER' } }],
    });
    expect(await h.ds.query('SELECT count(*)::int AS n FROM caller_numbers')).toEqual([{ n: 0 }]);
  });

  it('imports the good rows as pending and reports the bad one on stderr', async () => {
    const file = join(dir, 'numbers.csv');
    await writeFile(file, csv);
    const res = await cli('numbers:import', '--org', 'MIC', '--file', file);
    expect(res.code).toBe(0);
    expect(res.stdout).toEqual(['MIC: imported 2 of 3 rows, 1 rejected']);
    expect(res.stderr).toEqual([expect.stringMatching(/^line 4: INVALID_NUMBER: .* \| not-a-number,BO TTTT$/)]);
    const rows = await h.ds.query('SELECT e164, status FROM caller_numbers ORDER BY e164');
    expect(rows).toEqual([
      { e164: '+842439437142', status: 'pending' },
      { e164: '+84914000001', status: 'pending' },
    ]);
  });

  it('exits 1 when the file cannot be read', async () => {
    const res = await cli('numbers:import', '--org', 'MIC', '--file', join(dir, 'missing.csv'));
    expect(res.code).toBe(1);
    expect(res.stderr[0]).toMatch(/^Error: ENOENT/);
  });
});

describe('user:reset-password', () => {
  it("resets any account out of band, a regulator's too, printing a one-time password to change at next sign-in", async () => {
    const res = await cli('user:reset-password', '--username', 'cli.auditor');
    expect(res.code).toBe(0);
    const otp = res.stdout.join('\n').match(/One-time password \(shown once\): (\S+)/)?.[1];
    expect(otp).toBeDefined();
    await h.http().post('/v1/auth/login').send({ username: 'cli.auditor', password: 'auditor-pass-123' }).expect(401);
    const login = await h.http().post('/v1/auth/login').send({ username: 'cli.auditor', password: otp }).expect(200);
    expect(login.body.passwordChangeRequired).toBe(true);
    const [event] = await h.ds.query(
      `SELECT actor_label, after::text AS after FROM audit_events WHERE action = 'user.reset_password_out_of_band' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.actor_label).toBe(CLI_ACTOR);
    expect(event.after).not.toContain(otp);
    expect(await cli('user:reset-password', '--username', 'nobody')).toMatchObject({ code: 2, stderr: ['NOT_FOUND: No user nobody'] });
  });

  it("resets a regulator too, whose account is then the CLI operator's hand: it may not approve what the CLI created", async () => {
    await h.createUser('reg3', 'regulator');
    const res = await cli('user:reset-password', '--username', 'reg3');
    expect(res.code).toBe(0);
    const otp = res.stdout.join('\n').match(/One-time password \(shown once\): (\S+)/)?.[1];
    expect(otp).toBeDefined();
    await h.http().post('/v1/auth/login').send({ username: 'reg3', password: 'reg3-password-123' }).expect(401);
    const first = await h.http().post('/v1/auth/login').send({ username: 'reg3', password: otp }).expect(200);
    expect(first.body.passwordChangeRequired).toBe(true);
    const changed = await h
      .http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .send({ currentPassword: otp, newPassword: 'reg3-own-password-456' })
      .expect(200);
    const reg3 = (t: ReturnType<ReturnType<RegistryHarness['http']>['get']>) =>
      t.set('Authorization', `Bearer ${changed.body.accessToken}`);
    const reg3Id = await userId('reg3');
    expect(
      await h.ds.query(`SELECT controller, kind FROM account_controls WHERE account_id = $1 AND kind = 'reset_password'`, [reg3Id]),
    ).toEqual([{ controller: CLI_ACTOR, kind: 'reset_password' }]);

    // A password change by the holder does not undo the reset: cli:<os-user> can act both as reg3 and as cli.reg.
    const pending = await userId('cli.reg');
    const listed = (await reg3(h.http().get('/v1/users')).expect(200)).body;
    expect(listed.find((u: { id: string }) => u.id === pending)).toMatchObject({
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'shared_controller' },
    });
    const refused = await reg3(h.http().post(`/v1/users/${pending}/approve`)).send({});
    expect({ status: refused.status, code: refused.body.code, rule: refused.body.rule }).toEqual({
      status: 403,
      code: 'FOUR_EYES_REQUIRED',
      rule: 'shared_controller',
    });
    // A regulator the CLI never created nor reset approves it; then it signs in.
    expect((await (await h.as(ROOT.username)).post(`/v1/users/${pending}/approve`).send({}).expect(200)).body.status).toBe('active');
    await h.http().post('/v1/auth/login').send({ username: 'cli.reg', password: 'cli-reg-pass-123' }).expect(200);
  });
});

describe('snapshot:export', () => {
  it('writes the header and one line per published number, as the lookup snapshot does', async () => {
    // Imported by the CLI's system actor, approved by a regulator it cannot act as (four eyes): one number is published.
    const list = await (await h.as(ROOT.username)).get(`/v1/organizations/${orgId}/numbers`).expect(200);
    const number = list.body.items.find((n: { number: string }) => n.number === '+842439437142');
    await (await h.as('reg2')).post(`/v1/numbers/${number.id}/approve`).send({}).expect(200);

    const out = join(dir, 'snapshot.ndjson');
    const res = await cli('snapshot:export', '--out', out);
    expect(res.code).toBe(0);
    const { header, entries, trailer } = parseSnapshot(await readFile(out, 'utf8'));
    const lines = [header, ...entries];
    expect(trailer).toEqual({
      registryVersion: header.registryVersion,
      count: entries.length,
      sha256: expect.any(String),
      jws: expect.any(String),
    });
    const [{ version }] = await h.ds.query('SELECT version::int AS version FROM registry_state WHERE id = 1');
    const published = await h.ds.query('SELECT e164 FROM published_numbers ORDER BY e164');
    // The protected names ride in the header, each with its version and JWS, as in the lookup's snapshot.
    const names = await h.ds.query('SELECT id, version::int AS version, jws FROM published_protected_names ORDER BY id');
    expect(names.length).toBeGreaterThan(0);
    expect(lines[0]).toEqual({ registryVersion: version, count: published.length, protectedNames: expect.any(Array) });
    expect(lines[0].protectedNames.map((n: { id: string; version: number; jws: string }) => [n.id, n.version, n.jws])).toEqual(
      names.map((n: { id: string; version: number; jws: string }) => [n.id, n.version, n.jws]),
    );
    expect(version).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l.number)).toEqual(published.map((p: { e164: string }) => p.e164));
    expect(lines[1]).toEqual({
      number: '+842439437142',
      status: 'active',
      verdict: 'brand',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: expect.any(String), callReason: null },
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      direction: expect.any(String),
      allowedOrigins: [],
      validFrom: null,
      validTo: null,
      labelExpiresAt: expect.any(String),
      jws: expect.any(String),
    });
    // The trailer the CLI signed itself verifies like the lookup's, against the registry's JWKS.
    const jwks = join(dir, 'jwks.json');
    await writeFile(jwks, JSON.stringify((await h.http().get('/.well-known/jwks.json').expect(200)).body));
    const verified = await cli('verify-snapshot', out, '--jwks', jwks);
    expect(verified).toMatchObject({
      code: 0,
      stdout: [expect.stringMatching(/^OK: 1 entries and [1-9]\d* protected names at registry version \d+/)],
    });
  });
});

describe('audit:verify', () => {
  it('passes on the chain the CLI and the API wrote together', async () => {
    const res = await cli('audit:verify');
    expect(res.code).toBe(0);
    expect(res.stdout[0]).toMatch(/^Audit chain valid: \d+ events checked$/);
  });

  it("exits 1 when a system actor's name was altered: the label is in the hash", async () => {
    // The CLI's first event (event 1 is the registry's first start, by the system actor system:first-start).
    const [{ seq }] = await h.ds.query(`SELECT seq FROM audit_events WHERE actor_label = $1 ORDER BY seq LIMIT 1`, [CLI_ACTOR]);
    const setLabel = (label: string) =>
      h.ds.transaction(async (em) => {
        await em.query('SET LOCAL session_replication_role = replica');
        await em.query(`UPDATE audit_events SET actor_label = $1 WHERE seq = $2`, [label, seq]);
      });
    await setLabel('cli:someone-else');
    expect((await cli('audit:verify')).stdout[0]).toMatch(new RegExp(`^Audit chain BROKEN at event ${seq}: the event was altered`));
    await setLabel(CLI_ACTOR);
    expect((await cli('audit:verify')).code).toBe(0);
  });

  it('exits 1 when an event was altered (last: it breaks the chain for good)', async () => {
    // The table refuses UPDATE by trigger; only a superuser bypassing triggers can tamper, as here.
    await h.ds.transaction(async (em) => {
      await em.query('SET LOCAL session_replication_role = replica');
      await em.query(`UPDATE audit_events SET action = 'user.delete' WHERE seq = 2`);
    });
    expect(await cli('audit:verify')).toMatchObject({
      code: 1,
      stdout: [expect.stringMatching(/^Audit chain BROKEN at event 2: the event was altered/)],
    });
  });
});

describe('commander errors', () => {
  it('exits 1 on an unknown command without killing the process', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli('nope')).code).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
