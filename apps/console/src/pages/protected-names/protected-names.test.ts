import { describe, expect, it } from 'vitest';
import type { ProtectedName, ProtectedNameProposal } from '../../api/types';
import {
  DONE_TEXT,
  draftFor,
  draftProblem,
  EMPTY_DRAFT,
  kindsText,
  mayProposeOn,
  parseSpellings,
  proposalActions,
  proposalBody,
  proposalTitle,
} from './protected-names';

const ID = '3f1c2a9e-0000-4000-8000-000000000001';
const name = (over: Partial<ProtectedName> = {}): ProtectedName => ({
  id: ID,
  term: 'Cảnh sát giao thông',
  spellings: ['CSGT', 'C.S.G.T'],
  kinds: ['police'],
  source: 'Luật Công an nhân dân 2018',
  status: 'active',
  version: 1,
  updatedAt: '2026-12-01T03:00:00.000Z',
  pendingProposal: null,
  ...over,
});
const proposal = (over: Partial<ProtectedNameProposal> = {}): ProtectedNameProposal => ({
  id: 'p1',
  action: 'add',
  protectedNameId: null,
  term: 'Cảnh sát cơ động',
  spellings: ['CSCĐ'],
  kinds: ['police'],
  source: 'Nghị định 02/2025/NĐ-CP',
  reason: 'Mạo danh tăng',
  status: 'pending',
  createdBy: { id: 'u1', username: 'root' },
  createdAt: '2026-12-01T03:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionReason: null,
  fourEyes: { allowed: true },
  ...over,
});
const regulator = { role: 'regulator' as const };
const auditor = { role: 'auditor' as const };

describe('the proposal form', () => {
  it('sends an addition with its spellings (one per line or comma-separated, each once), kinds, source and reason', () => {
    const body = proposalBody({
      ...EMPTY_DRAFT,
      term: '  Cảnh sát cơ động ',
      spellings: 'CSCĐ\n\nC.S.C.Đ, cscđ ;  Cảnh  sát CĐ ',
      kinds: ['police', 'ministry'],
      source: 'Nghị định 02/2025/NĐ-CP ',
      reason: ' Mạo danh tăng ',
    });
    expect(body).toEqual({
      action: 'add',
      term: 'Cảnh sát cơ động',
      spellings: ['CSCĐ', 'C.S.C.Đ', 'Cảnh sát CĐ'],
      kinds: ['police', 'ministry'],
      source: 'Nghị định 02/2025/NĐ-CP',
      reason: 'Mạo danh tăng',
    });
    expect(parseSpellings(' , \n')).toEqual([]);
  });

  it('starts a change from the name as it stands, and sends it with the name’s id', () => {
    const draft = draftFor('change', name());
    expect(draft).toMatchObject({
      action: 'change',
      protectedNameId: ID,
      current: 'Cảnh sát giao thông',
      term: 'Cảnh sát giao thông',
      spellings: 'CSGT\nC.S.G.T',
      kinds: ['police'],
      source: 'Luật Công an nhân dân 2018',
      reason: '',
    });
    expect(proposalBody({ ...draft, kinds: ['police', 'provincial'], reason: 'Thêm cấp tỉnh' })).toEqual({
      action: 'change',
      protectedNameId: ID,
      term: 'Cảnh sát giao thông',
      spellings: ['CSGT', 'C.S.G.T'],
      kinds: ['police', 'provincial'],
      source: 'Luật Công an nhân dân 2018',
      reason: 'Thêm cấp tỉnh',
    });
  });

  it('sends a removal as the name’s id and a reason, nothing else', () => {
    const draft = draftFor('remove', name());
    expect(draft).toMatchObject({ action: 'remove', protectedNameId: ID, current: 'Cảnh sát giao thông', term: '', kinds: [] });
    expect(proposalBody({ ...draft, reason: 'Đơn vị đã giải thể' })).toEqual({
      action: 'remove',
      protectedNameId: ID,
      reason: 'Đơn vị đã giải thể',
    });
  });

  it('says in Vietnamese what is still missing before it can be sent', () => {
    expect(draftProblem(EMPTY_DRAFT)).toBe('Nhập tên cần bảo vệ.');
    expect(draftProblem({ ...EMPTY_DRAFT, term: 'Hải quan' })).toBe('Chọn ít nhất một loại cơ quan được dùng tên này.');
    expect(draftProblem({ ...EMPTY_DRAFT, term: 'Hải quan', kinds: ['customs'] })).toMatch(/^Nhập nguồn/);
    expect(draftProblem({ ...EMPTY_DRAFT, term: 'Hải quan', kinds: ['customs'], source: 'Luật Hải quan 2014' })).toBe(
      'Nhập lý do đề xuất.',
    );
    expect(draftProblem({ ...EMPTY_DRAFT, term: 'Hải quan', kinds: ['customs'], source: 'Luật Hải quan 2014', reason: 'x' })).toBeNull();
    expect(draftProblem({ ...draftFor('remove', name()), reason: 'Giải thể' })).toBeNull();
    expect(draftProblem({ ...EMPTY_DRAFT, action: 'remove', reason: 'x' })).toMatch(/^Chọn tên cần sửa hoặc gỡ/);
  });
});

describe('what a person may do', () => {
  it('offers approval as the registry’s verdict says, reject to other regulators and withdraw to the proposer', () => {
    expect(proposalActions(regulator, proposal())).toEqual({ approve: { allowed: true }, reject: true, withdraw: false });
    const mine = { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account' } as const;
    expect(proposalActions(regulator, proposal({ fourEyes: mine }))).toEqual({ approve: mine, reject: false, withdraw: true });
    // Refused for another reason (can act as the proposer): still disabled with its reason; rejecting stays open.
    const controls = { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'approver_controls_author' } as const;
    expect(proposalActions(regulator, proposal({ fourEyes: controls }))).toEqual({ approve: controls, reject: true, withdraw: false });
  });

  it('offers nothing on a decided proposal, nor to an auditor', () => {
    expect(proposalActions(regulator, proposal({ status: 'approved', fourEyes: undefined }))).toBeNull();
    expect(proposalActions(auditor, proposal())).toBeNull();
  });

  it('lets a regulator propose a change or removal of a name in force with no proposal waiting', () => {
    expect(mayProposeOn(regulator, name())).toBe(true);
    expect(mayProposeOn(regulator, name({ pendingProposal: proposal({ action: 'change', protectedNameId: ID }) }))).toBe(false);
    expect(mayProposeOn(regulator, name({ status: 'removed' }))).toBe(false);
    expect(mayProposeOn(auditor, name())).toBe(false);
  });
});

describe('the page’s words', () => {
  it('says kinds, proposals and outcomes in Vietnamese', () => {
    expect(kindsText(['police', 'court', 'judicial'])).toBe('Công an, Tòa án, Cơ quan tư pháp');
    expect(proposalTitle(proposal())).toBe('Thêm tên “Cảnh sát cơ động”');
    expect(proposalTitle(proposal({ action: 'remove', term: 'BHXH' }))).toBe('Gỡ tên “BHXH”');
    expect(DONE_TEXT.proposed(proposal())).toBe(
      'Đã gửi đề xuất: Thêm tên “Cảnh sát cơ động”. Danh sách chỉ thay đổi khi một cán bộ khác phê duyệt.',
    );
    expect(DONE_TEXT.approve(proposal({ action: 'change' }))).toMatch(/^Đã phê duyệt: Sửa tên “Cảnh sát cơ động”\./);
  });
});
