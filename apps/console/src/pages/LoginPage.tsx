import { useState } from 'react';
import { signIn } from '../api/auth';
import { useFormSubmit } from '../data';
import { CodeField } from '../fields';
import { CODE_ASKED, CODE_HINT, signInRefusal } from '../second-factor-text';
import { Alert, Link } from '../ui';

export function LoginPage({ notice, onSignedIn }: { notice: string | null; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  /** Shown once the registry asks for a second-factor code (401 SECOND_FACTOR_REQUIRED). */
  const [askForCode, setAskForCode] = useState(false);
  const [error, setError] = useState<unknown>();
  const code = askForCode ? totp.trim() : '';
  const { busy, submit } = useFormSubmit(
    async () => {
      setError(undefined);
      await signIn(username, password, code || undefined);
      onSignedIn();
    },
    (err) => {
      const refusal = signInRefusal(err, code !== '');
      setAskForCode(refusal.askForCode);
      setError(refusal.error);
      setTotp('');
    },
  );

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Đăng nhập</h1>
        <p className="muted">Sổ đăng ký tên định danh cuộc gọi thoại của cơ quan nhà nước</p>
        {notice ? (
          <p className="alert alert-info" role="status">
            {notice}
          </p>
        ) : null}
        <Alert error={error} success={askForCode && !error ? CODE_ASKED : null} />
        <div className="field">
          <label htmlFor="username">Tên đăng nhập</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Mật khẩu</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {askForCode ? <CodeField hint={CODE_HINT} autoFocus maxLength={32} value={totp} onChange={setTotp} /> : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
        <p className="small">
          Được cấp mã kích hoạt hai phần? <Link to="/kich-hoat">Kích hoạt tài khoản</Link>
        </p>
      </form>
    </main>
  );
}
