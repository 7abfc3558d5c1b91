import { useState } from 'react';
import { enroll } from '../api/auth';
import { ApiError } from '../api/errors';
import { NewPasswordFields, PASSWORDS_DIFFER, TextField } from '../fields';
import { useFormSubmit } from '../data';
import { Alert, Link } from '../ui';

const ENROLL_REFUSED =
  'Sai tên đăng nhập hoặc mã kích hoạt, hoặc mã đã hết hạn (14 ngày sau khi tài khoản được duyệt). Kiểm tra lại hai nửa mã; nếu đã hết hạn, liên hệ cán bộ đã tạo tài khoản.';

/** Each half of the code: typed or pasted as is, never remembered by the browser. */
const CODE_HALF = { autoComplete: 'off', spellCheck: false, required: true, maxLength: 128, className: 'mono' } as const;

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
  const { busy, submit } = useFormSubmit(
    async () => {
      setError(undefined);
      if (newPassword !== again) return setError(new Error(PASSWORDS_DIFFER));
      await enroll({ username: username.trim(), firstCode: firstCode.trim(), secondCode: secondCode.trim(), newPassword });
      onSignedIn();
    },
    // Every wrong part (name, either half, an expired code) is the same refusal, as a wrong password is.
    (err) => setError(err instanceof ApiError && err.code === 'UNAUTHENTICATED' ? new Error(ENROLL_REFUSED) : err),
  );

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="enroll-title">
        <h1 id="enroll-title">Kích hoạt tài khoản</h1>
        <p className="muted">
          Tài khoản cán bộ quản lý được tạo bằng mã kích hoạt hai phần: nửa thứ nhất do người tạo tài khoản trao, nửa thứ hai do người phê
          duyệt trao. Nhập cả hai nửa rồi tự đặt mật khẩu của bạn; không ai khác biết mật khẩu này.
        </p>
        <Alert error={error} />
        <TextField label="Tên đăng nhập" autoComplete="username" required value={username} onChange={setUsername} />
        <TextField label="Nửa thứ nhất của mã (từ người tạo tài khoản)" {...CODE_HALF} value={firstCode} onChange={setFirstCode} />
        <TextField label="Nửa thứ hai của mã (từ người phê duyệt)" {...CODE_HALF} value={secondCode} onChange={setSecondCode} />
        <NewPasswordFields hint="Ít nhất 12 ký tự" value={newPassword} onChange={setNewPassword} again={again} onAgain={setAgain} />
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
