import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, enroll } from '../api';
import { Alert, Field, Link } from '../ui';

/**
 * Kích hoạt tài khoản (public): the holder of an enrolled regulator account sets its own password with both
 * halves of its code: the first from whoever created the account, the second from whoever approved it, each
 * handed over separately, so that nobody else ever knew the password. Success signs the holder in.
 */
export function EnrollPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [firstCode, setFirstCode] = useState('');
  const [secondCode, setSecondCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (newPassword !== again) {
      setError(new Error('Hai lần nhập mật khẩu mới không khớp nhau.'));
      return;
    }
    setBusy(true);
    try {
      await enroll({ username: username.trim(), firstCode: firstCode.trim(), secondCode: secondCode.trim(), newPassword });
      onSignedIn();
    } catch (err) {
      // Every wrong part (name, either half, an expired code) is the same refusal, as a wrong password is.
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        setError(
          new Error(
            'Sai tên đăng nhập hoặc mã kích hoạt, hoặc mã đã hết hạn (14 ngày sau khi tài khoản được duyệt). Kiểm tra lại hai nửa mã; nếu đã hết hạn, liên hệ cán bộ đã tạo tài khoản.',
          ),
        );
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="enroll-title">
        <h1 id="enroll-title">Kích hoạt tài khoản</h1>
        <p className="muted">
          Tài khoản cán bộ quản lý được tạo bằng mã kích hoạt hai phần: nửa thứ nhất do người tạo tài khoản trao, nửa thứ hai do người phê
          duyệt trao. Nhập cả hai nửa rồi tự đặt mật khẩu của bạn; không ai khác biết mật khẩu này.
        </p>
        <Alert error={error} />
        <Field label="Tên đăng nhập">
          {(id) => <input id={id} autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label="Nửa thứ nhất của mã (từ người tạo tài khoản)">
          {(id) => (
            <input
              id={id}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={128}
              className="mono"
              value={firstCode}
              onChange={(e) => setFirstCode(e.target.value)}
            />
          )}
        </Field>
        <Field label="Nửa thứ hai của mã (từ người phê duyệt)">
          {(id) => (
            <input
              id={id}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={128}
              className="mono"
              value={secondCode}
              onChange={(e) => setSecondCode(e.target.value)}
            />
          )}
        </Field>
        <Field label="Mật khẩu mới" hint="Ít nhất 12 ký tự">
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              maxLength={256}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
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
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang kích hoạt…' : 'Kích hoạt và đăng nhập'}
        </button>
        <p>
          <Link to="/login">Đã có mật khẩu? Đăng nhập</Link>
        </p>
      </form>
    </main>
  );
}
