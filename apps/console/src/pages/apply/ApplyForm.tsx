import { Field } from '../../ui';
import { APPLY_LIMIT_TEXT } from '../../onboarding-text';
import type { useApply } from './use-apply';

/** The application: the brandname (checked as typed), the numbers with their carriers, and the agency's administrator. */
export function ApplyForm({ f }: { f: ReturnType<typeof useApply> }) {
  return (
    <form onSubmit={f.submit}>
      <fieldset>
        <legend>Tên định danh</legend>
        <Field label="Nhãn (hiển thị trên mọi máy)" hint="Tối đa 11 ký tự không dấu, ví dụ BO CONG AN">
          {(id) => (
            <>
              <input id={id} required value={f.label} onChange={(e) => f.setLabel(e.target.value)} aria-describedby={`${id}-live`} />
              <small id={`${id}-live`} className={f.live.label ? 'field-error' : 'visually-hidden'} aria-live="polite">
                {f.live.label ?? ''}
              </small>
            </>
          )}
        </Field>
        <Field label="Tên hiển thị tiếng Việt" hint="Ví dụ: Bộ Công an">
          {(id) => (
            <>
              <input
                id={id}
                required
                value={f.displayName}
                onChange={(e) => f.setDisplayName(e.target.value)}
                aria-describedby={`${id}-live`}
              />
              <small id={`${id}-live`} className={f.live.displayName ? 'field-error' : 'visually-hidden'} aria-live="polite">
                {f.live.displayName ?? ''}
              </small>
            </>
          )}
        </Field>
        <Field label="Lý do cuộc gọi (không bắt buộc)">
          {(id) => <input id={id} value={f.callReason} onChange={(e) => f.setCallReason(e.target.value)} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Số điện thoại</legend>
        <Field label="Mỗi dòng một số, kèm mã nhà mạng đã cấp số" hint="Ví dụ: 024 3822 2593, VIETTEL (tối đa 1.000 số)">
          {(id) => <textarea id={id} required rows={5} value={f.numbers} onChange={(e) => f.setNumbers(e.target.value)} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Người quản trị của cơ quan</legend>
        <Field label="Họ và tên">{(id) => <input id={id} required value={f.applicant.fullName} onChange={f.set('fullName')} />}</Field>
        <Field label="Thư điện tử">
          {(id) => <input id={id} type="email" required value={f.applicant.email} onChange={f.set('email')} />}
        </Field>
        <Field label="Điện thoại">{(id) => <input id={id} required value={f.applicant.phone} onChange={f.set('phone')} />}</Field>
        <Field label="Tên đăng nhập">
          {(id) => <input id={id} required autoComplete="username" value={f.applicant.username} onChange={f.set('username')} />}
        </Field>
        <Field label="Mật khẩu" hint="Ít nhất 12 ký tự">
          {(id) => (
            <input
              id={id}
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              value={f.applicant.password}
              onChange={f.set('password')}
            />
          )}
        </Field>
      </fieldset>
      <p className="muted">{APPLY_LIMIT_TEXT}</p>
      <button type="submit" className="btn btn-primary" disabled={f.busy || Boolean(f.live.label || f.live.displayName)}>
        Nộp hồ sơ
      </button>
    </form>
  );
}
