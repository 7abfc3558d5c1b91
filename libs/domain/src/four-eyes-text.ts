import { errorText } from './error-text';
import type { FourEyesRule } from './four-eyes';

/**
 * The server's four-eyes verdict for the signed-in person, in Vietnamese, for the console to show beside the
 * button it disables. The console never decides four eyes itself: it shows `fourEyes` as the registry sends it
 * (`{allowed, code?, rule?, reason?}` on everything waiting for a decision) and says why in these words.
 * `Record<FourEyesRule, …>` makes a new rule without a sentence a compile error; a unit test reads the sentences.
 */
export const FOUR_EYES_RULE_TEXT: Record<FourEyesRule, string> = {
  same_account:
    'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này (gửi, sửa, tạm ngưng, yêu cầu khôi phục, mời hoặc thẩm định).',
  approver_controls_author:
    'Cần một cán bộ khác phê duyệt: một người tham gia việc này dùng tài khoản do bạn (hoặc một tài khoản bạn nắm quyền) tạo kèm mật khẩu, đặt lại mật khẩu, yêu cầu đặt lại xác thực hai bước hoặc mời, nên bạn có thể đăng nhập thay họ.',
  author_controls_approver:
    'Cần một cán bộ khác phê duyệt: tài khoản của bạn do một người tham gia việc này (hoặc một tài khoản họ nắm quyền) tạo kèm mật khẩu, đặt lại mật khẩu, yêu cầu đặt lại xác thực hai bước hoặc mời, nên họ có thể đăng nhập thay bạn.',
  shared_controller:
    'Cần một cán bộ khác phê duyệt: có một người có thể đăng nhập thay cả bạn lẫn một người tham gia việc này (đã tạo kèm mật khẩu hoặc đặt lại mật khẩu cho cả hai tài khoản).',
  approver_not_active:
    'Tài khoản của bạn chưa hoạt động (đang chờ duyệt hoặc đã bị vô hiệu hóa): chỉ tài khoản đang hoạt động mới được phê duyệt.',
};

/** A role that may not take the step at all (an auditor, an agency admin): `code: FORBIDDEN`, no rule. */
export const FOUR_EYES_FORBIDDEN_TEXT = 'Vai trò của bạn không được phê duyệt việc này.';

/** No verdict in the answer (an older server, or an answer that is not a GET): nothing is offered until it says. */
export const FOUR_EYES_UNKNOWN_TEXT = 'Máy chủ chưa cho biết bạn có được phê duyệt việc này không: tải lại trang.';

/** The verdict as GET answers carry it. */
export interface FourEyesView {
  allowed: boolean;
  code?: string | null;
  rule?: string | null;
  reason?: string | null;
}

/**
 * Why the signed-in person may not take the step, in Vietnamese, or null when the server allows it. A refusal
 * whose rule this table does not know (a newer server) still gets a Vietnamese sentence, never the English reason.
 */
export function fourEyesText(verdict: FourEyesView | null | undefined): string | null {
  if (!verdict) return FOUR_EYES_UNKNOWN_TEXT;
  if (verdict.allowed) return null;
  if (verdict.code === 'FORBIDDEN') return FOUR_EYES_FORBIDDEN_TEXT;
  const byRule = verdict.rule ? (FOUR_EYES_RULE_TEXT as Record<string, string | undefined>)[verdict.rule] : undefined;
  return byRule ?? errorText(verdict.code ?? 'FOUR_EYES_REQUIRED');
}
