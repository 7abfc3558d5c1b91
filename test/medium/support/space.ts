import { randomInt } from 'node:crypto';
import { DomainError, OrganizationKind } from '@app/domain';
import { AuthService } from '../../../apps/registry/src/auth/auth.service';
import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { CarrierConfirmationsService } from '../../../apps/registry/src/carrier-confirmations/carrier-confirmations.service';
import type { CarrierContext } from '../../../apps/registry/src/common/carrier-context';
import { CarriersService } from '../../../apps/registry/src/carriers/carriers.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { ReviewsService } from '../../../apps/registry/src/reviews/reviews.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import { FILE_ADDRESS, MediumRegistry, Person } from './medium-registry';

/**
 * Letters that fold to nothing else in the look-alike skeleton (no I/L, O, B, S, nor R, C, V, W of rn, cl, vv).
 * Brandnames of different organizations are refused when their skeletons are within one edit, so every name a
 * file creates carries a token of these letters that is at least two edits from any other file's or test's.
 */
const LETTERS = 'ADEFGHJKMNPQTUXYZ';
const BASE = LETTERS.length; // 17, a prime: the check letter below catches any one substitution or swap

/** `n` in `width` letters, most significant first. */
function letters(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++, n = Math.floor(n / BASE)) out = LETTERS[n % BASE] + out;
  return out;
}

/**
 * Seven letters: the space's four, the counter's two, and a check letter weighted by position. Two different
 * tokens then differ in two places at least, and a swap of neighbours changes the check letter too: never one
 * edit apart, which is what the look-alike rule refuses.
 */
function token(space: number, counter: number): string {
  const body = letters(space, 4) + letters(counter, 2);
  const check = Array.from(body).reduce((sum, ch, i) => sum + (i + 1) * LETTERS.indexOf(ch), 0) % BASE;
  return body + LETTERS[check];
}

export type Kind = 'organizations' | 'brandnames' | 'numbers';

/** An organization's brandname and a number under it, as the factories made them. */
export interface ActiveNumber {
  id: string;
  e164: string;
  national: string;
  brandnameId: string;
  version: number;
}

/**
 * One test file's share of the medium database: a number from 1000 to 9999 claimed by creating the organization
 * `NS<n>` (its code is unique, so two files never hold the same space), from which every name the file creates
 * is made: usernames `m<n>.<name>`, organization codes `M<n>_<NAME>`, carrier codes `C<n>_<NAME>`, brandname
 * tokens (see token()) and numbers `091<n><counter>`. Factories for the usual people and items, made through the
 * services as an operator would.
 */
export class Space {
  private tokens = 0;
  private numbers = 0;
  private holder: { code: string; ctx: () => CarrierContext } | null = null;

  private constructor(
    readonly r: MediumRegistry,
    readonly n: number,
  ) {}

  static async claim(r: MediumRegistry): Promise<Space> {
    const organizations = r.get(OrganizationsService);
    for (let attempt = 0; attempt < 20; attempt++) {
      const n = randomInt(1000, 10000);
      try {
        await organizations.create(r.root.ctx(), { code: `NS${n}`, name: `Không gian kiểm thử ${n}`, kind: 'other' });
        return new Space(r, n);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'DUPLICATE_CODE')) throw err;
      }
    }
    throw new Error('no free test space after 20 tries');
  }

  // -- names ------------------------------------------------------------------------------------------------------

  /** A token no other brandname of the database is within one edit of (7 letters: a label by itself). */
  token(): string {
    if (this.tokens >= BASE * BASE) throw new Error('this space has no tokens left');
    return token(this.n, this.tokens++);
  }

  /** A label and display name for a new brandname, clear of every other one. */
  names(): { label: string; displayName: string } {
    const t = this.token();
    return { label: t, displayName: `Nhãn ${t}` };
  }

  username(name: string): string {
    return `m${this.n}.${name}`;
  }

  code(name: string): string {
    return `M${this.n}_${name}`.toUpperCase();
  }

  carrierCode(name: string): string {
    return `C${this.n}_${name}`.toUpperCase();
  }

  /** A fresh valid mobile number, national form (0912... style: 091 + the space + a counter). */
  number(): string {
    if (this.numbers >= 1000) throw new Error('this space has no numbers left');
    return `091${this.n}${String(this.numbers++).padStart(3, '0')}`;
  }

  // -- people -----------------------------------------------------------------------------------------------------

  /**
   * A regulator of its own, enrolled as the e2e harness does it: root creates it and holds the first half of its
   * code, the bootstrap pair approves it and holds the second, and its holder sets its password with both. Nobody
   * else can act as it, and it can act as nobody else.
   */
  async regulator(name: string): Promise<Person> {
    const users = this.r.get(UsersService);
    const username = this.username(name);
    const password = `${username}-password-123`;
    const created = await users.create(this.r.root.ctx(), { username, role: 'regulator', enroll: true });
    const approved = await users.decide(this.r.pair.ctx(), created.id, 'approve');
    await this.r
      .get(AuthService)
      .enroll(
        { username, firstCode: created.enrollmentCode!, secondCode: approved.enrollmentCode!, newPassword: password },
        { requestId: `enroll-${username}`, ip: FILE_ADDRESS },
      );
    return this.r.signIn(username, password);
  }

  /** An account `by` creates with a password it chose (so `by` can act as it), approved by `approver` if it waits. */
  async user(name: string, role: 'agency_admin' | 'auditor' | 'regulator', organizationId?: string, by?: Person, approver?: Person) {
    const users = this.r.get(UsersService);
    const username = this.username(name);
    const password = `${username}-password-123`;
    const created = await users.create((by ?? this.r.root).ctx(), { username, password, role, organizationId });
    if (created.status === 'pending') await users.decide((approver ?? this.r.pair).ctx(), created.id, 'approve');
    return this.r.signIn(username, password);
  }

  agencyAdmin(name: string, organizationId: string, by?: Person): Promise<Person> {
    return this.user(name, 'agency_admin', organizationId, by);
  }

  // -- carriers ---------------------------------------------------------------------------------------------------

  /** A carrier with a live key, created by root; returns its code and a request context as its key gives. */
  async carrier(name: string): Promise<{ id: string; code: string; ctx: () => CarrierContext }> {
    const carriers = this.r.get(CarriersService);
    const code = this.carrierCode(name);
    const created = await carriers.create(this.r.root.ctx(), { code, name: `Nhà mạng ${code}` });
    const { key } = await carriers.createKey(this.r.root.ctx(), created.id);
    const actor = await this.r.get(AuthService).authenticateCarrier(key);
    return { id: created.id, code, ctx: () => ({ carrier: actor, requestId: `carrier-${code}-${Date.now()}`, ip: FILE_ADDRESS }) };
  }

  /** The carrier that holds the numbers agency admins register here (they must name one); made on first use. */
  async holdingCarrier(): Promise<{ code: string; ctx: () => CarrierContext }> {
    this.holder ??= await this.carrier('HOLDER');
    return this.holder;
  }

  /** The holding carrier confirms that the registering organization holds the number. */
  async confirmHolding(numberId: string): Promise<void> {
    const { ctx } = await this.holdingCarrier();
    await this.r.get(CarrierConfirmationsService).decide(ctx(), numberId, { decision: 'confirm' });
  }

  // -- items ------------------------------------------------------------------------------------------------------

  /** An organization `by` (root) creates and `approver` (the pair) approves. */
  async activeOrganization(
    name: string,
    kind: OrganizationKind = 'ministry',
    opts: { by?: Person; approver?: Person; parentId?: string } = {},
  ) {
    const organizations = this.r.get(OrganizationsService);
    const org = await organizations.create((opts.by ?? this.r.root).ctx(), {
      code: this.code(name),
      name: `Cơ quan ${name.replace(/_/g, ' ')} ${this.n}`,
      kind,
      parentId: opts.parentId,
    });
    await this.r.get(ReviewsService).act((opts.approver ?? this.r.pair).ctx(), 'organizations', org.id, 'approve');
    return org.id;
  }

  /** A brandname of fresh names (or the given ones) `by` (root) creates and `approver` (the pair) approves. */
  async activeBrandname(organizationId: string, names = this.names(), opts: { by?: Person; approver?: Person } = {}) {
    const b = await this.r.get(BrandnamesService).create((opts.by ?? this.r.root).ctx(), organizationId, names);
    await this.r.get(ReviewsService).act((opts.approver ?? this.r.pair).ctx(), 'brandnames', b.id, 'approve');
    return b.id;
  }

  /** An active number under `brandnameId`, registered by `by` (root: no carrier to name) and approved. */
  async activeNumber(
    organizationId: string,
    brandnameId: string,
    body: Record<string, unknown> = {},
    opts: { by?: Person; approver?: Person } = {},
  ): Promise<ActiveNumber> {
    const by = opts.by ?? this.r.root;
    const national = this.number();
    const holding = by.actor.role === 'regulator' ? {} : { holdingCarrier: (await this.holdingCarrier()).code };
    const created = await this.r
      .get(NumbersService)
      .create(by.ctx(), organizationId, { number: national, brandnameId, ...holding, ...body });
    if (by.actor.role !== 'regulator') await this.confirmHolding(created.id);
    const approved = await this.r.get(ReviewsService).act((opts.approver ?? this.r.pair).ctx(), 'numbers', created.id, 'approve');
    return { id: created.id, e164: e164Of(national), national, brandnameId, version: approved.version };
  }
}

export const e164Of = (national: string) => `+84${national.slice(1)}`;
