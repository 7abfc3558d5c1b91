import { useState } from 'react';
import type { FormEvent } from 'react';
import { changePassword } from '../api';
import { Alert, Field } from '../ui';

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
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSuccess(null);
    if (next !== again) {
      setError(new Error('Hai lần nhập mật khẩu mới không khớp nhau.'));
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setSuccess('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã hết hiệu lực.');
      onChanged?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const form = (
    <form className="card login-card" onSubmit={submit} aria-labelledby="password-title">
      <h1 id="password-title">{forced ? 'Đổi mật khẩu tạm thời' : 'Đổi mật khẩu'}</h1>
      {forced ? (
        <p className="alert alert-info" role="status">
          Bạn đang dùng mật khẩu dùng một lần. Hãy đặt mật khẩu của riêng bạn trước khi làm việc tiếp.
        </p>
      ) : null}
      <Alert error={error} success={success} />
      <Field label="Mật khẩu hiện tại">
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field label="Mật khẩu mới" hint="Ít nhất 12 ký tự, khác mật khẩu hiện tại">
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={256}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <Field label="Nhập lại mật khẩu mới">
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={256}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        )}
      </Field>
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
    <section>{form}</section>
  );
}
