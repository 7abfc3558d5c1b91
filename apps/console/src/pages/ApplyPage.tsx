import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, post } from '../api';
import { fieldText, liveNameProblems, parseNumberLines, PROBLEM_TEXT } from '../onboarding-text';
import { Field } from '../ui';
import type { Application, FieldProblem } from '../types';

/**
 * The public application form at /console/dang-ky?token=…: no account yet, the invitation's token is the
 * credential. The label and display name are checked as they are typed, with the registry's own rule module;
 * everything else (look-alikes, numbers, carriers) comes back from the registry, each problem by its field.
 */
export function ApplyPage() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const [applicant, setApplicant] = useState({ username: '', password: '', fullName: '', email: '', phone: '' });
  const [label, setLabel] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [callReason, setCallReason] = useState('');
  const [numbers, setNumbers] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const live = liveNameProblems(label, displayName);
  const set = (k: keyof typeof applicant) => (e: { target: { value: string } }) => setApplicant({ ...applicant, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    setFailure(null);
    try {
      const body = {
        invitationToken: token,
        applicant,
        brandname: { label, displayName, ...(callReason.trim() ? { callReason } : {}) },
        numbers: parseNumberLines(numbers),
      };
      setDone(await post<Application>('/applications', body));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setProblems(err.fields);
      else if (err instanceof ApiError) setFailure(PROBLEM_TEXT[err.code] ?? 'Máy chủ từ chối hồ sơ. Vui lòng thử lại.');
      else setFailure('Không kết nối được tới máy chủ.');
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <main id="main" className="apply">
        <h1>Đăng ký tên định danh thoại</h1>
        <p role="alert">Đường dẫn thiếu mã lời mời. Hãy mở đúng đường dẫn Bộ đã gửi cho cơ quan.</p>
      </main>
    );
  }
  if (done) {
    return (
      <main id="main" className="apply">
        <h1>Đã nộp hồ sơ</h1>
        <div role="status" className="alert alert-success">
          Hồ sơ của {done.organization.name} đã được gửi. Mỗi số điện thoại sẽ được nhà mạng quản lý số xác nhận; cán bộ của Bộ sẽ thẩm định
          hồ sơ.
        </div>
        <p>
          Đăng nhập bằng tài khoản <strong>{done.applicant.username}</strong> vừa tạo để tải quyết định lên và theo dõi hồ sơ:{' '}
          <a href="/console/">vào trang quản trị</a>.
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="apply">
      <h1>Đăng ký tên định danh thoại</h1>
      <p className="muted">Tên cơ quan sẽ hiển thị trên điện thoại người nghe khi cơ quan gọi từ các số đăng ký dưới đây.</p>
      {failure ? (
        <div role="alert" className="alert alert-error">
          {failure}
        </div>
      ) : null}
      {problems.length ? (
        <div role="alert" className="alert alert-error">
          <p>Hồ sơ chưa được nhận. Vui lòng sửa:</p>
          <ul data-testid="problems">
            {problems.map((p, i) => (
              <li key={i}>
                <strong>{fieldText(p.field)}</strong>: {PROBLEM_TEXT[p.code ?? ''] ?? PROBLEM_TEXT.VALIDATION_FAILED}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form onSubmit={submit}>
        <fieldset>
          <legend>Tên định danh</legend>
          <Field label="Nhãn (hiển thị trên mọi máy)" hint="Tối đa 11 ký tự không dấu, ví dụ BO CONG AN">
            {(id) => (
              <>
                <input id={id} required value={label} onChange={(e) => setLabel(e.target.value)} aria-describedby={`${id}-live`} />
                <small id={`${id}-live`} className={live.label ? 'field-error' : 'visually-hidden'} aria-live="polite">
                  {live.label ?? ''}
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
                  value={displayName}
                  onChange={(e) => setDisplayName(e.target.value)}
                  aria-describedby={`${id}-live`}
                />
                <small id={`${id}-live`} className={live.displayName ? 'field-error' : 'visually-hidden'} aria-live="polite">
                  {live.displayName ?? ''}
                </small>
              </>
            )}
          </Field>
          <Field label="Lý do cuộc gọi (không bắt buộc)">
            {(id) => <input id={id} value={callReason} onChange={(e) => setCallReason(e.target.value)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Số điện thoại</legend>
          <Field label="Mỗi dòng một số, kèm mã nhà mạng đã cấp số" hint="Ví dụ: 024 3822 2593, VIETTEL (tối đa 1.000 số)">
            {(id) => <textarea id={id} required rows={5} value={numbers} onChange={(e) => setNumbers(e.target.value)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Người quản trị của cơ quan</legend>
          <Field label="Họ và tên">{(id) => <input id={id} required value={applicant.fullName} onChange={set('fullName')} />}</Field>
          <Field label="Thư điện tử">
            {(id) => <input id={id} type="email" required value={applicant.email} onChange={set('email')} />}
          </Field>
          <Field label="Điện thoại">{(id) => <input id={id} required value={applicant.phone} onChange={set('phone')} />}</Field>
          <Field label="Tên đăng nhập">
            {(id) => <input id={id} required autoComplete="username" value={applicant.username} onChange={set('username')} />}
          </Field>
          <Field label="Mật khẩu" hint="Ít nhất 12 ký tự">
            {(id) => (
              <input
                id={id}
                type="password"
                required
                minLength={12}
                autoComplete="new-password"
                value={applicant.password}
                onChange={set('password')}
              />
            )}
          </Field>
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={busy || Boolean(live.label || live.displayName)}>
          Nộp hồ sơ
        </button>
      </form>
    </main>
  );
}
