import { DomainError } from './errors';
import {
  assertFourEyes,
  Author,
  AuthorAct,
  ControlFact,
  controllersOf,
  FOUR_EYES_STEPS,
  fourEyesVerdict,
  PartyFacts,
  userPrincipal,
} from './four-eyes';

const u = userPrincipal;

/** Facts of an account as the registry would take them from `facts`. */
function party(
  id: string,
  facts: readonly ControlFact[],
  role: PartyFacts['role'] = 'regulator',
  status: PartyFacts['status'] = 'active',
): PartyFacts {
  return { principal: u(id), role, status, controllers: controllersOf(id, facts) };
}

function author(act: AuthorAct, facts: PartyFacts): Author {
  return { act, ...facts, at: '2026-12-07T00:00:00.000Z' };
}

const control = (accountId: string, controller: string, kind: ControlFact['kind'] = 'created_with_password'): ControlFact => ({
  accountId,
  controller,
  kind,
});

describe('who controls an account', () => {
  it('is the account itself, and transitively whoever created it with a password, reset it or invited it', () => {
    const facts = [control('a1', u('root')), control('a2', u('a1')), control('app', u('root'), 'invitation'), control('b', u('reg2'))];
    expect(controllersOf('a2', facts)).toEqual([u('a1'), u('a2'), u('root')]);
    expect(controllersOf('app', facts)).toEqual([u('app'), u('root')]);
    expect(controllersOf('b', [...facts, control('b', u('root'), 'reset_password')])).toEqual([u('b'), u('reg2'), u('root')]);
  });

  it('counts the CLI operator as a principal of its own', () => {
    const facts = [control('x', 'cli:ops'), control('y', 'cli:ops')];
    expect(controllersOf('x', facts)).toEqual(['cli:ops', u('x')]);
  });

  it("does not count the installation's facts (the bootstrap pair are two people by the installer's word)", () => {
    const facts = [control('root', 'system:first-start', 'installation'), control('reg2', u('root'), 'installation')];
    expect(controllersOf('reg2', facts)).toEqual([u('reg2')]);
    expect(controllersOf('root', facts)).toEqual([u('root')]);
  });

  it("gives an enrollment's account to nobody but whoever holds both halves of its code", () => {
    const enrolled = [control('reg3', u('root'), 'enrollment_share'), control('reg3', u('reg2'), 'enrollment_share')];
    expect(controllersOf('reg3', enrolled)).toEqual([u('reg3')]);
    // One half alone (not yet approved) controls nothing.
    expect(controllersOf('reg3', enrolled.slice(0, 1))).toEqual([u('reg3')]);
    // Whoever controls both shares controls the account.
    const both = [...enrolled, control('root', 'cli:ops', 'reset_password'), control('reg2', 'cli:ops', 'reset_password')];
    expect(controllersOf('reg3', both)).toEqual(['cli:ops', u('reg3')]);
    const shareholder = [...enrolled, control('reg2', u('root'))];
    expect(controllersOf('reg3', shareholder)).toEqual([u('reg3'), u('root')]);
  });

  it('ends on a cycle of facts', () => {
    expect(controllersOf('a', [control('a', u('b')), control('b', u('a'))])).toEqual([u('a'), u('b')]);
  });
});

describe('the four-eyes decision', () => {
  const facts = [
    control('reg2', u('root'), 'installation'),
    control('a1', u('root')),
    control('a2', u('a1')),
    control('b', u('reg2')),
    control('reg3', u('reg2')),
  ];
  const root = party('root', facts);
  const reg2 = party('reg2', facts);
  const reg3 = party('reg3', facts);

  it('refuses the author itself, with the rule that refused it', () => {
    expect(fourEyesVerdict('approve_item', root, [author('submitted', root)])).toMatchObject({
      allowed: false,
      code: 'FOUR_EYES_REQUIRED',
      rule: 'same_account',
    });
  });

  it('refuses whoever controls the author, however many steps back (the issue: A1 creates A2)', () => {
    const a2 = party('a2', facts, 'agency_admin');
    expect(fourEyesVerdict('approve_revision', root, [author('submitted', a2)])).toMatchObject({ rule: 'approver_controls_author' });
    expect(fourEyesVerdict('approve_revision', reg2, [author('submitted', a2)])).toEqual({ allowed: true });
  });

  it('refuses an account that its author controls, and two accounts with a common controller', () => {
    expect(fourEyesVerdict('approve_item', reg3, [author('submitted', reg2)])).toMatchObject({ rule: 'author_controls_approver' });
    const b = party('b', facts, 'agency_admin');
    expect(fourEyesVerdict('approve_item', reg3, [author('submitted', b)])).toMatchObject({ rule: 'shared_controller' });
    expect(fourEyesVerdict('approve_item', root, [author('submitted', b)])).toEqual({ allowed: true });
  });

  it("reads the authors' facts as frozen at submission: a later reset or role flip changes nothing", () => {
    const b = party('b', facts, 'agency_admin');
    const frozen = author('submitted', b);
    // root resets b afterwards, and promotes it: the pending change was b's own, so root may still decide it…
    const later = [...facts, control('b', u('root'), 'reset_password')];
    expect(fourEyesVerdict('approve_item', party('root', later), [frozen])).toEqual({ allowed: true });
    // …but what b submits after the reset is refused to root, whatever b's role becomes.
    const afterReset = author('submitted', party('b', later, 'regulator', 'pending'));
    expect(fourEyesVerdict('approve_item', party('root', later), [afterReset])).toMatchObject({ rule: 'approver_controls_author' });
  });

  it('needs the reinstatement approver to be neither the suspender nor the requester, nor able to act as them', () => {
    const authors = [author('suspended', reg2), author('requested_reinstate', root)];
    expect(fourEyesVerdict('approve_reinstate', root, authors)).toMatchObject({ allowed: false });
    expect(fourEyesVerdict('approve_reinstate', reg2, authors)).toMatchObject({ allowed: false });
    expect(fourEyesVerdict('approve_reinstate', reg3, authors)).toMatchObject({ rule: 'author_controls_approver' });
    const other = party('other', facts);
    expect(fourEyesVerdict('approve_reinstate', other, authors)).toEqual({ allowed: true });
  });

  it('bars a CLI-created account from approving what the CLI operator authored, and the reverse', () => {
    const cliFacts = [control('x', 'cli:ops'), control('y', 'cli:ops')];
    const x = party('x', cliFacts);
    const y = party('y', cliFacts);
    expect(fourEyesVerdict('approve_item', x, [author('submitted', y)])).toMatchObject({ rule: 'shared_controller' });
    const cli: PartyFacts = { principal: 'cli:ops', role: 'system', status: null, controllers: ['cli:ops'] };
    expect(fourEyesVerdict('approve_account', root, [author('account', x), author('changed_account', cli)])).toEqual({ allowed: true });
    expect(fourEyesVerdict('approve_item', x, [author('submitted', cli)])).toMatchObject({ rule: 'author_controls_approver' });
  });

  it('refuses an approver that is not active', () => {
    expect(fourEyesVerdict('approve_item', party('reg3', facts, 'regulator', 'pending'), [])).toMatchObject({
      rule: 'approver_not_active',
    });
  });

  it('throws the verdict as FOUR_EYES_REQUIRED with its rule, for every step', () => {
    for (const step of FOUR_EYES_STEPS) {
      try {
        assertFourEyes(step, root, [author('submitted', root)]);
        throw new Error('not refused');
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ code: 'FOUR_EYES_REQUIRED', details: { rule: 'same_account' } });
      }
      expect(() => assertFourEyes(step, reg2, [author('submitted', root)])).not.toThrow();
    }
  });
});
