import { useState } from 'react';
import { changePassword } from '../api/auth';
import { NewPasswordFields, PASSWORDS_DIFFER, PasswordField } from '../fields';
import { useFormSubmit } from '../data';
import { SECOND_FACTOR_PATH } from '../router';
import { useSession } from '../session-context';
import { Alert, Link } from '../ui';

/**
 * The signed-in user's own password. `forced`: right after signing in with a one-time password, the only screen
 * there is until it is changed (the registry refuses everything else with PASSWORD_CHANGE_REQUIRED).
 */
export function ChangePasswordPage({ forced, onChanged, onSignOut }: { forced?: boolean; onChanged?: () => void; onSignOut?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>();
  const [success, setSuccess] = useState<string | null>(null);
  const { busy, submit } = useFormSubmit(async () => {
    setError(undefined);
    setSuccess(null);
    if (next !== again) return setError(new Error(PASSWORDS_DIFFER));
    await changePassword(current, next);
    setCurrent('');
    setNext('');
    setAgain('');
    setSuccess('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã hết hiệu lực.');
    onChanged?.();
  }, setError);

  const form = (
    <form className="card login-card" onSubmit={submit} aria-labelledby="password-title">
      <h1 id="password-title">{forced ? 'Đổi mật khẩu tạm thời' : 'Đổi mật khẩu'}</h1>
      {forced ? (
        <p className="alert alert-info" role="status">
          Bạn đang dùng mật khẩu dùng một lần. Hãy đặt mật khẩu của riêng bạn trước khi làm việc tiếp.
        </p>
      ) : null}
      <Alert error={error} success={success} />
      <PasswordField label="Mật khẩu hiện tại" current value={current} onChange={setCurrent} />
      <NewPasswordFields hint="Ít nhất 12 ký tự, khác mật khẩu hiện tại" value={next} onChange={setNext} again={again} onAgain={setAgain} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Đổi mật khẩu
        </button>
        {forced && onSignOut ? (
          <button type="button" className="btn btn-light" onClick={onSignOut}>
            Đăng xuất
          </button>
        ) : null}
      </div>
    </form>
  );
  return forced ? (
    <main id="main" className="login">
      {form}
    </main>
  ) : (
    <section>
      {form}
      <SecondFactorStatus />
    </section>
  );
}

/** The account's second factor, as the registry's /me says: on, or a way to turn it on. */
function SecondFactorStatus() {
  const { me } = useSession();
  return (
    <section className="card login-card" aria-labelledby="second-factor-status">
      <h2 id="second-factor-status">Xác thực hai bước</h2>
      {me.secondFactorEnrolled ? (
        <p>Đã bật: mỗi lần đăng nhập cần thêm mã từ ứng dụng xác thực, hoặc một mã khôi phục.</p>
      ) : (
        <>
          <p>Chưa bật. Bật để mỗi lần đăng nhập cần thêm mã 6 chữ số từ ứng dụng xác thực trên điện thoại.</p>
          <Link to={SECOND_FACTOR_PATH} className="btn btn-primary">
            Bật xác thực hai bước
          </Link>
        </>
      )}
    </section>
  );
}
