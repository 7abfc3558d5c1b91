import { describe, expect, it } from 'vitest';
import { APPLY_LIMIT_TEXT, fieldText, invitationStatusText, liveNameProblems, parseNumberLines, PROBLEM_TEXT } from './onboarding-text';

describe('the application form', () => {
  it('reads one number and its carrier per line, in any separator, upper-casing the code', () => {
    expect(parseNumberLines('024 3822 2593, viettel\n\n  0912345678;VINAPHONE \r\n0243\tMOBIFONE\n0911')).toEqual([
      { number: '024 3822 2593', holdingCarrier: 'VIETTEL' },
      { number: '0912345678', holdingCarrier: 'VINAPHONE' },
      { number: '0243', holdingCarrier: 'MOBIFONE' },
      { number: '0911', holdingCarrier: '' },
    ]);
  });

  it('checks the label and display name as typed, with the registry rule, in Vietnamese', () => {
    expect(liveNameProblems('BO CONG AN', 'Bộ Công an')).toEqual({ label: null, displayName: null });
    expect(liveNameProblems('BỘ CÔNG AN', 'Bộ Công an').label).toBe(PROBLEM_TEXT.INVALID_LABEL);
    expect(liveNameProblems('BO CONG AN 12', 'B').label).toBe(PROBLEM_TEXT.INVALID_LABEL);
    expect(liveNameProblems('BO CONG AN', 'B').displayName).toBe(PROBLEM_TEXT.INVALID_DISPLAY_NAME);
    expect(liveNameProblems('', '')).toEqual({ label: null, displayName: null });
  });

  it('names each refused field the way the form does', () => {
    expect(fieldText('numbers[3].number')).toBe('Số thứ 4');
    expect(fieldText('numbers[0].holdingCarrier')).toBe('Số thứ 1 (nhà mạng giữ số)');
    expect(fieldText('brandname.label')).toBe('Nhãn');
    expect(fieldText('checklist.documents_present')).toMatch(/^Đủ hồ sơ/);
  });

  it('a taken username or organization code reads the same, in Vietnamese, beside the username', () => {
    expect(fieldText('applicant.username')).toBe('Tên đăng nhập');
    expect(PROBLEM_TEXT.NAME_UNAVAILABLE).toMatch(/^Tên đăng nhập hoặc mã cơ quan không dùng được/);
    expect(PROBLEM_TEXT.INVITATION_EXHAUSTED).toMatch(/lời mời mới|mời lại/);
    expect(APPLY_LIMIT_TEXT).toMatch(/tối đa 5 lần nộp bị từ chối/);
  });
});

describe('the invitations page', () => {
  it("shows an open invitation's refused submissions, and an exhausted one as such", () => {
    expect(invitationStatusText({ status: 'open', refusedSubmissions: 0 })).toBe('Còn hiệu lực');
    expect(invitationStatusText({ status: 'open', refusedSubmissions: 2 })).toBe('Còn hiệu lực (2/5 lần nộp bị từ chối)');
    expect(invitationStatusText({ status: 'exhausted', refusedSubmissions: 5 })).toBe('Hết lượt nộp');
  });
});
