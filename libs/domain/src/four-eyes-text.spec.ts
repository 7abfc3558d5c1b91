import { ERROR_TEXT } from './error-text';
import { fourEyesVerdict } from './four-eyes';
import type { Author, FourEyesRule, PartyFacts } from './four-eyes';
import { FOUR_EYES_FORBIDDEN_TEXT, FOUR_EYES_RULE_TEXT, FOUR_EYES_UNKNOWN_TEXT, fourEyesText } from './four-eyes-text';

const RULES: FourEyesRule[] = [
  'same_account',
  'approver_controls_author',
  'author_controls_approver',
  'shared_controller',
  'approver_not_active',
];
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

const party = (id: string, controllers: string[] = [], status: PartyFacts['status'] = 'active'): PartyFacts => ({
  principal: `user:${id}`,
  role: 'regulator',
  status,
  controllers: [`user:${id}`, ...controllers].sort(),
});
const author = (p: PartyFacts): Author => ({ ...p, act: 'submitted', at: '2026-01-01T00:00:00.000Z' });

describe('the four-eyes verdict in Vietnamese', () => {
  it.each(RULES.map((r) => [r]))('%s has a Vietnamese sentence, not English, not the rule', (rule) => {
    const text = FOUR_EYES_RULE_TEXT[rule];
    expect(text.length).toBeGreaterThan(30);
    expect(text).toMatch(VIETNAMESE);
    expect(text).not.toContain(rule);
    expect(text).not.toMatch(/\b(the|you|please|approve|account|controls?)\b/i);
  });

  it('has a sentence for exactly the rules the decision can give', () => {
    expect(Object.keys(FOUR_EYES_RULE_TEXT).sort()).toEqual([...RULES].sort());
  });

  it('says nothing when the server allows the step', () => {
    expect(fourEyesText({ allowed: true })).toBeNull();
  });

  it('explains each refusal of the one decision by its rule', () => {
    const me = party('me');
    expect(fourEyesText(fourEyesVerdict('approve_item', me, [author(me)]))).toBe(FOUR_EYES_RULE_TEXT.same_account);
    expect(fourEyesText(fourEyesVerdict('approve_item', me, [author(party('a', ['user:me']))]))).toBe(
      FOUR_EYES_RULE_TEXT.approver_controls_author,
    );
    expect(fourEyesText(fourEyesVerdict('approve_item', party('me', ['user:a']), [author(party('a'))]))).toBe(
      FOUR_EYES_RULE_TEXT.author_controls_approver,
    );
    expect(fourEyesText(fourEyesVerdict('approve_item', party('me', ['cli:ops']), [author(party('a', ['cli:ops']))]))).toBe(
      FOUR_EYES_RULE_TEXT.shared_controller,
    );
    expect(fourEyesText(fourEyesVerdict('approve_item', party('me', [], 'pending'), [author(party('a'))]))).toBe(
      FOUR_EYES_RULE_TEXT.approver_not_active,
    );
  });

  it('tells a role that may not take the step at all apart from a four-eyes refusal', () => {
    expect(fourEyesText({ allowed: false, code: 'FORBIDDEN', reason: 'Your role may not take this step' })).toBe(FOUR_EYES_FORBIDDEN_TEXT);
    expect(FOUR_EYES_FORBIDDEN_TEXT).toMatch(VIETNAMESE);
  });

  it('never falls back to the English reason: an unknown rule or a missing verdict still reads in Vietnamese', () => {
    expect(fourEyesText({ allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'something_new', reason: 'English' })).toBe(
      ERROR_TEXT.FOUR_EYES_REQUIRED,
    );
    expect(fourEyesText({ allowed: false })).toBe(ERROR_TEXT.FOUR_EYES_REQUIRED);
    expect(fourEyesText(undefined)).toBe(FOUR_EYES_UNKNOWN_TEXT);
    expect(fourEyesText(null)).toMatch(VIETNAMESE);
  });
});
