import type { Me } from './types';

/** The four-eyes rule as the API applies it: whoever submitted or last changed an item can't approve it. */
export function needsAnotherReviewer(me: Pick<Me, 'id'>, item: { submittedBy: string | null; lastChangedBy: string | null }): boolean {
  return item.submittedBy === me.id || item.lastChangedBy === me.id;
}

export interface ApproveState {
  canApprove: boolean;
  /** Why the approve button is disabled, in Vietnamese, or null. */
  notice: string | null;
}

export const FOUR_EYES_NOTICE = 'Cần một cán bộ duyệt khác';

export function approveState(
  me: Pick<Me, 'id' | 'role'>,
  item: { status: string; submittedBy: string | null; lastChangedBy: string | null },
): ApproveState {
  if (me.role !== 'regulator') return { canApprove: false, notice: null };
  if (item.status !== 'pending') return { canApprove: false, notice: null };
  if (needsAnotherReviewer(me, item)) return { canApprove: false, notice: FOUR_EYES_NOTICE };
  return { canApprove: true, notice: null };
}
