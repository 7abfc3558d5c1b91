import type { Answer, Credential, RegistryClient } from './registry-client';

/**
 * The attacker model's people. Accounts are not people: whoever created an account with a password it chose or
 * saw, reset its password, or sent the invitation whose token created it, can act as that account. Each person
 * starts with what the seed gave it and gains accounts as it creates them, resets them, or applies with a token.
 */
export type PersonName = 'root' | 'reg2' | 'reg3' | 'cli-operator' | 'carrier-viettel';

/**
 * reg3 was enrolled (reg2 holds the first half of its code, root the second, its holder set its own password): it
 * is a person of its own. Every other account made with a password is its maker's.
 */
export const PEOPLE: PersonName[] = ['root', 'reg2', 'reg3', 'cli-operator', 'carrier-viettel'];

export interface Account {
  username: string;
  id: string;
  password: string;
  /** A valid access token, or null: sign in (and change a one-time password) before acting. */
  token: string | null;
}

export interface CarrierKey {
  id: string;
  code: string;
  key: string;
}

/** What one person controls. */
export interface Holdings {
  accounts: Account[];
  carrier: CarrierKey | null;
  /** A shell on the server: may run the admin CLI (it acts as the system actor cli:<os-user>). */
  cli: boolean;
  /** Invitation tokens this person holds (it sent them, or was handed them). */
  invitationTokens: string[];
  /** Halves of enrollment codes this person was shown (as creator or approver), by account username. */
  enrollmentHalves: Record<string, { first?: string; second?: string }>;
}

export function cloneHoldings(h: Holdings): Holdings {
  return {
    accounts: h.accounts.map((a) => ({ ...a })),
    carrier: h.carrier ? { ...h.carrier } : null,
    cli: h.cli,
    invitationTokens: [...h.invitationTokens],
    enrollmentHalves: Object.fromEntries(Object.entries(h.enrollmentHalves).map(([k, v]) => [k, { ...v }])),
  };
}

/** A live account row, as target resolution and actor choice read it. */
export interface UserRow {
  id: string;
  username: string;
  role: 'regulator' | 'agency_admin' | 'auditor';
  status: string;
  organization_id: string | null;
  version: number;
}

/** A seeded account by name; one made in the sequence by how it was made (see the operations' usernames). */
export function actorKind(username: string): string {
  if (username.startsWith('atk.u')) return 'an account it made';
  if (username.startsWith('atk.c')) return 'a CLI-made account';
  if (username.startsWith('atk.app')) return 'its applicant';
  return username;
}

/** One sequence being run: the attacker, what it holds, and what it did. */
export class Run {
  /** User ids, carrier ids and system labels that acted in this sequence (the audit may name only these). */
  readonly used = new Set<string>();
  readonly log: string[] = [];
  readonly serverErrors: string[] = [];
  /** Per step, who acted: a seeded account by name, or what kind of account (for grouping findings). */
  readonly actors: string[] = [];
  /** Per step, the acting account as a pin (see Step.pin): its seeded username, or `@k`, gained in step k. */
  readonly pins: (string | undefined)[] = [];
  /** The step being run (control() records in which step an account was gained). */
  currentStep = -1;
  private readonly gainedIn = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly person: PersonName,
    readonly holdings: Holdings,
    readonly client: RegistryClient,
    readonly cliLabel: string,
  ) {}

  /** A number unique within the sequence (names, numbers): the same on every replay of the sequence. */
  next(): number {
    return ++this.counter;
  }

  account(id: string): Account | undefined {
    return this.holdings.accounts.find((a) => a.id === id);
  }

  /** Records control of an account (a new one, or a new password for one already held). */
  control(acc: { username: string; id: string; password: string }): void {
    const held = this.account(acc.id);
    if (held) Object.assign(held, { password: acc.password, token: null });
    else {
      this.holdings.accounts.push({ ...acc, token: null });
      this.gainedIn.set(acc.id, `@${this.currentStep}`);
    }
  }

  /** How a step pins this account: `@k` if gained in step k of this sequence, else its (seeded) username. */
  pinOf(acc: Account): string {
    return this.gainedIn.get(acc.id) ?? acc.username;
  }

  /** Signs in (changing a one-time password first); null when the registry refuses the sign-in. */
  async signIn(acc: Account, step: string): Promise<string | null> {
    if (acc.token) return acc.token;
    this.used.add(acc.id);
    const login = await this.client.send('post', '/v1/auth/login', null, { username: acc.username, password: acc.password });
    this.note(`${step}: sign in as ${acc.username}`, login);
    if (login.status !== 200) return null;
    let token: string = login.body.accessToken;
    if (login.body.passwordChangeRequired) {
      const newPassword = `own-${acc.username}-${this.next()}-pass`;
      const changed = await this.client.send('post', '/v1/auth/change-password', { token }, { currentPassword: acc.password, newPassword });
      this.note(`${step}: change the one-time password of ${acc.username}`, changed);
      if (changed.status !== 200) return null;
      acc.password = newPassword;
      token = changed.body.accessToken;
    }
    acc.token = token;
    return token;
  }

  /** An API call as a held account (signing in first if needed); null when it could not sign in. */
  async as(acc: Account, step: string, method: 'get' | 'post' | 'patch' | 'delete', url: string, body?: object): Promise<Answer | null> {
    const token = await this.signIn(acc, step);
    if (!token) return null;
    this.used.add(acc.id);
    const res = await this.client.send(method, url, { token }, body);
    if (res.status === 401) acc.token = null; // disabled meanwhile, or its password moved on: sign in again next time
    return res;
  }

  async call(cred: Credential, method: 'get' | 'post' | 'patch' | 'delete', url: string, body?: object): Promise<Answer> {
    return this.client.send(method, url, cred, body);
  }

  /** Logs one request's outcome; a 5xx is remembered as a failure of its own kind. */
  note(what: string, res: Answer | null): void {
    if (!res) {
      this.log.push(`${what} → not signed in`);
      return;
    }
    const code = res.status >= 400 && res.body?.code ? ` ${res.body.code}` : '';
    this.log.push(`${what} → ${res.status}${code}`);
    if (res.status >= 500) this.serverErrors.push(`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}
