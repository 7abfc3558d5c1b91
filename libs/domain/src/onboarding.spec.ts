import { DomainError, reservedNameClaim } from './errors';
import {
  addNameUnavailable,
  assertApplicationApprovable,
  assertDocumentAcceptable,
  assertInvitationUsable,
  ChecklistEvent,
  clearedChecklist,
  countRefusedSubmission,
  DOCUMENT_MAX_BYTES,
  INVITATION_MAX_REFUSED_SUBMISSIONS,
  invitationExhausted,
  invitationExpiry,
  invitationStatus,
  nameUnavailable,
  nextApplicationStatus,
  ProblemList,
  sniffDocumentType,
} from './onboarding';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return (err as DomainError).code;
  }
  return null;
};

describe('invitations', () => {
  const created = new Date('2026-12-01T00:00:00Z');
  const inv = { expiresAt: invitationExpiry(created), usedAt: null, revokedAt: null, refusedSubmissions: 0 };
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      return { code: (err as DomainError).code, message: (err as DomainError).message };
    }
    return null;
  };
  it('are valid 14 days, then expired', () => {
    expect(invitationStatus(inv, new Date('2026-12-14T23:59:59Z'))).toBe('open');
    expect(invitationStatus(inv, new Date('2026-12-15T00:00:00Z'))).toBe('expired');
  });
  it('once used or revoked stay so', () => {
    expect(invitationStatus({ ...inv, usedAt: created }, created)).toBe('used');
    expect(invitationStatus({ ...inv, usedAt: created, revokedAt: created }, created)).toBe('revoked');
    expect(code(() => assertInvitationUsable({ ...inv, usedAt: created }, created))).toBe('INVITATION_INVALID');
    expect(code(() => assertInvitationUsable(null, created))).toBe('INVITATION_INVALID');
    expect(code(() => assertInvitationUsable(inv, created))).toBeNull();
  });
  it('a forged, expired, used or revoked token gets one and the same answer', () => {
    const late = new Date('2027-01-01T00:00:00Z');
    const answers = [
      refusal(() => assertInvitationUsable(null, created)),
      refusal(() => assertInvitationUsable(inv, late)),
      refusal(() => assertInvitationUsable({ ...inv, usedAt: created }, created)),
      refusal(() => assertInvitationUsable({ ...inv, revokedAt: created }, created)),
      refusal(() => assertInvitationUsable({ ...inv, refusedSubmissions: INVITATION_MAX_REFUSED_SUBMISSIONS }, late)),
    ];
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.code).toBe('INVITATION_INVALID');
  });
});

describe('refused submissions of an invitation', () => {
  const created = new Date('2026-12-01T00:00:00Z');
  const inv = { expiresAt: invitationExpiry(created), usedAt: null, revokedAt: null, refusedSubmissions: 0 };
  it('are bounded: five refusals, then the invitation takes no more', () => {
    expect(INVITATION_MAX_REFUSED_SUBMISSIONS).toBe(5);
    let count = 0;
    const left: number[] = [];
    for (let i = 0; i < INVITATION_MAX_REFUSED_SUBMISSIONS; i++) {
      expect(invitationExhausted(count)).toBe(false);
      expect(code(() => assertInvitationUsable({ ...inv, refusedSubmissions: count }, created))).toBeNull();
      const next = countRefusedSubmission(count);
      expect(next.refusedSubmissions).toBe(count + 1);
      left.push(next.left);
      count = next.refusedSubmissions;
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    expect(invitationExhausted(count)).toBe(true);
    expect(invitationStatus({ ...inv, refusedSubmissions: count }, created)).toBe('exhausted');
    expect(code(() => assertInvitationUsable({ ...inv, refusedSubmissions: count }, created))).toBe('INVITATION_EXHAUSTED');
    expect(countRefusedSubmission(count + 3).left).toBe(0);
  });
  it('an exhausted invitation that is also used, revoked or expired is simply not valid', () => {
    const spent = { ...inv, refusedSubmissions: INVITATION_MAX_REFUSED_SUBMISSIONS };
    expect(invitationStatus({ ...spent, revokedAt: created }, created)).toBe('revoked');
    expect(invitationStatus({ ...spent, usedAt: created }, created)).toBe('used');
    expect(invitationStatus(spent, new Date('2027-01-01T00:00:00Z'))).toBe('expired');
  });
  it('the name refusal never says which name was taken, alone or among other problems', () => {
    const err = nameUnavailable();
    expect(err.code).toBe('NAME_UNAVAILABLE');
    expect(err.message).toMatch(/username or the organization code/);
    const alone = new ProblemList();
    addNameUnavailable(alone);
    const refusal = alone.refusal()!;
    expect({ code: refusal.code, message: refusal.message, details: refusal.details }).toEqual({
      code: err.code,
      message: err.message,
      details: err.details,
    });
    const among = new ProblemList();
    among.add('numbers[0].number', 'INVALID_NUMBER', 'not a number');
    addNameUnavailable(among);
    expect(among.refusal()!.details?.fields).toContainEqual(err.details!.fields![0]);
  });
});

describe('application life cycle', () => {
  it('moves only along its transitions', () => {
    expect(nextApplicationStatus('submitted', 'request_changes')).toBe('changes_requested');
    expect(nextApplicationStatus('changes_requested', 'resubmit')).toBe('submitted');
    expect(nextApplicationStatus('submitted', 'approve')).toBe('approved');
    expect(code(() => nextApplicationStatus('changes_requested', 'approve'))).toBe('INVALID_TRANSITION');
    expect(code(() => nextApplicationStatus('approved', 'reject'))).toBe('INVALID_TRANSITION');
    expect(code(() => nextApplicationStatus('rejected', 'resubmit'))).toBe('INVALID_TRANSITION');
  });
});

describe('approval of an application', () => {
  const at = '2026-12-01T00:00:00Z';
  const ticks = (by: string): ChecklistEvent[] =>
    (['documents_present', 'legal_name_matches_decision', 'numbers_confirmed_by_carriers'] as const).map((item) => ({
      item,
      checked: true,
      by,
      at,
    }));
  const app = { checklist: ticks('checker'), decisionDocuments: 1 };
  it('needs every item ticked and a decision document (who may approve is the four-eyes decision)', () => {
    expect(code(() => assertApplicationApprovable({ ...app, checklist: ticks('checker').slice(1) }))).toBe('VALIDATION_FAILED');
    expect(code(() => assertApplicationApprovable({ ...app, decisionDocuments: 0 }))).toBe('VALIDATION_FAILED');
    expect(code(() => assertApplicationApprovable(app))).toBeNull();
  });
  it('a resubmission clears every tick', () => {
    const cleared = clearedChecklist(ticks('checker'), new Date(at));
    expect(code(() => assertApplicationApprovable({ ...app, checklist: cleared }))).toBe('VALIDATION_FAILED');
  });
});

describe('problem lists', () => {
  it('keep the protected state name a RESERVED_NAME claims, under the field it was found in', () => {
    const claimed = () => {
      throw new DomainError('RESERVED_NAME', 'claims', {
        term: 'Công an',
        spelling: 'CA',
        field: 'label',
        kinds: ['police'],
        organizationKind: 'bank',
      });
    };
    const one = new ProblemList();
    one.check('brandname.label', claimed);
    const refusal = one.refusal()!;
    expect(refusal.code).toBe('RESERVED_NAME');
    const claim = { term: 'Công an', spelling: 'CA', field: 'brandname.label', kinds: ['police'], organizationKind: 'bank' };
    expect(reservedNameClaim(refusal)).toEqual(claim);
    expect(refusal.details?.fields).toEqual([{ field: 'brandname.label', code: 'RESERVED_NAME', message: 'claims', details: claim }]);
    // Among several problems the claim stays on its field.
    one.add('numbers[0].number', 'INVALID_NUMBER', 'bad');
    expect(one.refusal()!.details?.fields?.[0].details).toEqual(claim);
    expect(reservedNameClaim(one.refusal()!)).toBeUndefined();
  });

  it('one problem keeps its code; several are VALIDATION_FAILED with each code per field', () => {
    const one = new ProblemList();
    one.check('brandname.label', () => {
      throw new DomainError('RESERVED_NAME', 'reserved');
    });
    expect(code(() => one.throwIfAny())).toBe('RESERVED_NAME');
    const two = new ProblemList();
    two.add('numbers[0].number', 'INVALID_NUMBER', 'bad');
    two.add('numbers[1].number', 'DUPLICATE_NUMBER', 'twice');
    try {
      two.throwIfAny();
      throw new Error('not refused');
    } catch (err) {
      expect((err as DomainError).code).toBe('VALIDATION_FAILED');
      expect((err as DomainError).details?.fields?.map((f) => f.code)).toEqual(['INVALID_NUMBER', 'DUPLICATE_NUMBER']);
    }
    expect(() => new ProblemList().throwIfAny()).not.toThrow();
  });
});

describe('documents', () => {
  const pdf = Buffer.from('%PDF-1.7\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);
  it('are typed by their bytes', () => {
    expect(sniffDocumentType(pdf)).toBe('application/pdf');
    expect(sniffDocumentType(png)).toBe('image/png');
    expect(sniffDocumentType(jpeg)).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('<html>'))).toBeNull();
  });
  it('refuses a name or declared type that disagrees with the bytes, and files over 10 MB', () => {
    expect(code(() => assertDocumentAcceptable(png, { filename: 'quyet-dinh.pdf' }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(code(() => assertDocumentAcceptable(png, { filename: 'anh', mediaType: 'application/pdf' }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(code(() => assertDocumentAcceptable(jpeg, { filename: 'anh.JPG', mediaType: 'image/jpeg' }))).toBeNull();
    expect(code(() => assertDocumentAcceptable(pdf, { filename: 'x.pdf', mediaType: 'application/octet-stream' }))).toBeNull();
    expect(code(() => assertDocumentAcceptable(Buffer.concat([pdf, Buffer.alloc(DOCUMENT_MAX_BYTES)])))).toBe('PAYLOAD_TOO_LARGE');
  });
});
