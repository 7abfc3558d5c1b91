import { useState } from 'react';
import { signIn } from '../api/auth';
import { ApiError } from '../api/errors';
import { useFormSubmit } from '../data';
import { Alert, Link } from '../ui';

/** A refused sign-in in words: a wrong name or password is one refusal, too many tries another. */
function signInRefusal(err: unknown): unknown {
  if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return new Error('Sai tên đăng nhập hoặc mật khẩu.');
  if (err instanceof ApiError && err.code === 'RATE_LIMITED')
    return new Error(`Đăng nhập sai quá nhiều lần, hãy thử lại sau. (${err.message})`);
  return err;
}

export function LoginPage({ notice, onSignedIn }: { notice: string | null; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const { busy, submit } = useFormSubmit(
    async () => {
      setError(undefined);
      await signIn(username, password);
      onSignedIn();
    },
    (err) => setError(signInRefusal(err)),
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
        <Alert error={error} />
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
