import { describe, expect, it } from 'vitest';
import { approveState, FOUR_EYES_NOTICE, needsAnotherReviewer } from './four-eyes';

const me = { id: 'u1', role: 'regulator' as const };
const item = (submittedBy: string | null, lastChangedBy: string | null, status = 'pending') => ({ submittedBy, lastChangedBy, status });

describe('the four-eyes display', () => {
  it('lets a regulator approve what someone else submitted and last changed', () => {
    expect(approveState(me, item('u2', 'u2'))).toEqual({ canApprove: true, notice: null });
  });

  it('disables approve, with the notice, on an item you submitted', () => {
    expect(approveState(me, item('u1', 'u2'))).toEqual({ canApprove: false, notice: FOUR_EYES_NOTICE });
  });

  it('disables approve on an item you last changed', () => {
    expect(approveState(me, item('u2', 'u1'))).toEqual({ canApprove: false, notice: FOUR_EYES_NOTICE });
    expect(needsAnotherReviewer(me, item(null, 'u1'))).toBe(true);
  });

  it('offers no approval to other roles or on items not pending', () => {
    expect(approveState({ id: 'u1', role: 'auditor' }, item('u2', 'u2'))).toEqual({ canApprove: false, notice: null });
    expect(approveState({ id: 'u1', role: 'agency_admin' }, item('u1', 'u1'))).toEqual({ canApprove: false, notice: null });
    expect(approveState(me, item('u1', 'u1', 'active'))).toEqual({ canApprove: false, notice: null });
  });

  it('shows FOUR_EYES_NOTICE in Vietnamese', () => {
    expect(FOUR_EYES_NOTICE).toBe('Cần một cán bộ duyệt khác');
  });
});
