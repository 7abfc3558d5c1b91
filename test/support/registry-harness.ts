import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { totpCode } from '../../apps/registry/src/second-factor/totp';
import { resetDatabase, testDataSource } from './database';

export const ROOT = { username: 'root', password: 'root-password-123' };

/** A registry app on a clean database, with the bootstrap regulator and helpers to act as users. */
export class RegistryHarness {
  app: INestApplication;
  ds: DataSource;
  private tokens = new Map<string, string>();
  private secondFactors = new Map<string, { secret: string; lastStep: number | null }>();
  private holder: { code: string; key: string } | null = null;

  static async start(): Promise<RegistryHarness> {
    const h = new RegistryHarness();
    h.ds = await testDataSource();
    await resetDatabase(h.ds);
    process.env.BOOTSTRAP_ADMIN_USERNAME = ROOT.username;
    process.env.BOOTSTRAP_ADMIN_PASSWORD = ROOT.password;
    h.app = await createRegistryApp();
    return h;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.ds?.destroy();
  }

  /** Drops the cached tokens (a token outlives a restart on the same DATA_DIR, not a change of JWT_SECRET). */
  forgetTokens(): void {
    this.tokens.clear();
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async token(username: string, password = `${username}-password-123`): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const totp = this.secondFactorCode(username);
    const res = await this.http()
      .post('/v1/auth/login')
      .send({ username, password, ...(totp ? { totp } : {}) })
      .expect(200);
    // SECOND_FACTOR=required: an account without one enrols it now, as its holder would at first sign-in.
    const token = res.body.secondFactorEnrollmentRequired
      ? await this.enrollSecondFactor(username, res.body.accessToken)
      : res.body.accessToken;
    this.tokens.set(username, token);
    return token;
  }

  /** Enrols (and confirms) a second factor with `token`, keeping its secret to sign in later; the full token. */
  async enrollSecondFactor(username: string, token: string): Promise<string> {
    const enrolment = await this.http().post('/v1/auth/totp/enroll').set('Authorization', `Bearer ${token}`).expect(200);
    this.secondFactors.set(username.toLowerCase(), { secret: enrolment.body.secret, lastStep: null });
    const totp = this.secondFactorCode(username)!;
    const confirmed = await this.http().post('/v1/auth/totp/confirm').set('Authorization', `Bearer ${token}`).send({ totp }).expect(200);
    return confirmed.body.accessToken;
  }

  /**
   * A code the account's second factor takes now (none if it has none here): this step's, or the next one's when
   * this one was spent already (the server takes one step of drift, and each step once).
   */
  secondFactorCode(username: string, now = Date.now()): string | undefined {
    const factor = this.secondFactors.get(username.toLowerCase());
    if (!factor) return undefined;
    const step = Math.floor(now / 30_000);
    const use = factor.lastStep === null || step > factor.lastStep ? step : factor.lastStep + 1;
    if (use > step + 1) throw new Error(`${username}: both codes of this half-minute are spent; sign in again later`);
    factor.lastStep = use;
    return totpCode(factor.secret, use * 30_000);
  }

  /** The second factor's secret this harness enrolled for `username` (to drive it by hand). */
  secondFactorSecret(username: string): string | undefined {
    return this.secondFactors.get(username.toLowerCase())?.secret;
  }

  /** After a reset of the account's second factor: it enrols again at its next sign-in. */
  forgetSecondFactor(username: string): void {
    this.secondFactors.delete(username.toLowerCase());
    this.tokens.delete(username);
  }

  /** A factor a test enrolled by hand (and the step it last used), with the full token it got. */
  adoptSecondFactor(username: string, secret: string, lastStep: number | null, token: string): void {
    this.secondFactors.set(username.toLowerCase(), { secret, lastStep });
    this.tokens.set(username, token);
  }

  forgetToken(username: string): void {
    this.tokens.delete(username);
  }

  /** Authenticated request as `username` (its password is `<username>-password-123`, root's ROOT.password). */
  async as(username: string) {
    const token = await this.token(username, username === ROOT.username ? ROOT.password : undefined);
    const agent = this.http();
    const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
    return {
      get: (url: string) => auth(agent.get(url)),
      post: (url: string) => auth(agent.post(url)),
      patch: (url: string) => auth(agent.patch(url)),
      delete: (url: string) => auth(agent.delete(url)),
    };
  }

  /**
   * Creates a user as root (who chose its password, so root can act as it). Root's first regulator is the
   * bootstrap pair (active at once). A later regulator is enrolled, so that it is a person of its own: root
   * holds the first half of its code, `approver` (reg2 by default) approves it and holds the second, and the
   * holder sets its own password with both.
   */
  async createUser(username: string, role: string, organizationId?: string, approver = 'reg2'): Promise<string> {
    const root = await this.as(ROOT.username);
    const password = `${username}-password-123`;
    const probe = await root.post('/v1/users').send({ username, role, organizationId, enroll: true });
    if (probe.status === 201) {
      const second = await (await this.as(approver)).post(`/v1/users/${probe.body.id}/approve`).send({}).expect(200);
      await this.http()
        .post('/v1/auth/enroll')
        .send({ username, firstCode: probe.body.enrollmentCode, secondCode: second.body.enrollmentCode, newPassword: password })
        .expect(200);
      return probe.body.id;
    }
    // Not enrollable (the bootstrap pair, an agency admin, an auditor): created with a password root chose.
    const res = await root.post('/v1/users').send({ username, password, role, organizationId }).expect(201);
    if (res.body.status === 'pending') await (await this.as(approver)).post(`/v1/users/${res.body.id}/approve`).send({}).expect(200);
    return res.body.id;
  }

  /** Lifts a suspension the two-step way: `requester` asks with a reason, `approver` approves the request. */
  async reinstate(kind: string, id: string, requester = ROOT.username, approver = 'reg2', reason = 'Đã xác minh'): Promise<void> {
    await (await this.as(requester)).post(`/v1/${kind}/${id}/reinstate`).send({ reason }).expect(200);
    await (await this.as(approver)).post(`/v1/${kind}/${id}/reinstate/approve`).send({}).expect(200);
  }

  /**
   * The carrier that holds the numbers agency admins register in tests (they must name one), with a live key;
   * created on first use.
   */
  async holdingCarrier(): Promise<{ code: string; key: string }> {
    if (!this.holder) {
      const root = await this.as(ROOT.username);
      const c = await root.post('/v1/carriers').send({ code: 'HOLDER', name: 'Nhà mạng giữ số (kiểm thử)' }).expect(201);
      this.holder = { code: 'HOLDER', key: (await root.post(`/v1/carriers/${c.body.id}/api-keys`).expect(201)).body.key };
    }
    return this.holder;
  }

  /** The holding carrier confirms, with its API key, that the registering organization holds the number. */
  async confirmHolding(numberId: string): Promise<void> {
    const { key } = await this.holdingCarrier();
    await this.http().post(`/v1/carrier/number-confirmations/${numberId}`).set('X-Api-Key', key).send({ decision: 'confirm' }).expect(200);
  }

  /** Creates an organization as `by` and approves it as `approver`. */
  async activeOrganization(code: string, name: string, kind = 'ministry', by = ROOT.username, approver = 'reg2') {
    const org = await (await this.as(by)).post('/v1/organizations').send({ code, name, kind }).expect(201);
    await (await this.as(approver)).post(`/v1/organizations/${org.body.id}/approve`).send({}).expect(200);
    return org.body.id as string;
  }

  async activeBrandname(orgId: string, label: string, displayName: string, by = ROOT.username, approver = 'reg2') {
    const b = await (await this.as(by)).post(`/v1/organizations/${orgId}/brandnames`).send({ label, displayName }).expect(201);
    await (await this.as(approver)).post(`/v1/brandnames/${b.body.id}/approve`).send({}).expect(200);
    return b.body.id as string;
  }
}
