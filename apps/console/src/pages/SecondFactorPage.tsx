import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import { confirmSecondFactor, startSecondFactorEnrollment } from '../api/auth';
import type { SecondFactorEnrollment } from '../api/auth';
import { useFormSubmit } from '../data';
import { CodeField } from '../fields';
import { confirmRefusal, groupSecret } from '../second-factor-text';
import { useSession } from '../session-context';
import { Alert } from '../ui';

/**
 * Xác thực hai bước (signed in): whether the account has a second factor, as the registry's /me says; without one,
 * the holder may enrol it here.
 */
export function AccountSecondFactorPage() {
  const { me, renew } = useSession();
  if (!me.secondFactorEnrolled) return <SecondFactorPage onConfirmed={renew} />;
  return (
    <section className="card second-factor-card" aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">Xác thực hai bước</h1>
      <p className="alert alert-success" role="status">
        Tài khoản của bạn đã bật xác thực hai bước: mỗi lần đăng nhập cần thêm mã từ ứng dụng xác thực, hoặc một mã khôi phục.
      </p>
      <p>Mất điện thoại hoặc hết mã khôi phục? Liên hệ một cán bộ quản lý để yêu cầu đặt lại (cần một cán bộ khác phê duyệt).</p>
    </section>
  );
}

/**
 * Bật xác thực hai bước: the signed-in user enrols its own second factor. The registry hands out a secret (as a QR
 * code of its otpauth URL, and as text to type) and ten recovery codes, shown only now; the first code the app
 * shows confirms it, and the answer is a new token (every older one stops), with which the session carries on.
 *
 * `forced`: the account must enrol before anything else (its token reaches only this), so this is the only screen.
 */
export function SecondFactorPage({
  forced,
  onConfirmed,
  onSignOut,
}: {
  forced?: boolean;
  onConfirmed: () => void;
  onSignOut?: () => void;
}) {
  const [enrollment, setEnrollment] = useState<SecondFactorEnrollment>();
  /** The QR code as a data URL; null when it could not be drawn. */
  const [qr, setQr] = useState<string | null>();
  const [loadError, setLoadError] = useState<unknown>();
  const [started, setStarted] = useState(forced ?? false);
  const [attempt, setAttempt] = useState(0);
  // One enrolment per attempt: a second call would replace the secret already on the screen.
  const asked = useRef(-1);

  useEffect(() => {
    if (!started || asked.current === attempt) return;
    asked.current = attempt;
    setLoadError(undefined);
    startSecondFactorEnrollment().then((e) => {
      setEnrollment(e);
      // A QR code that cannot be drawn leaves the secret to type: the enrolment itself stands.
      QRCode.toDataURL(e.otpauthUrl, { margin: 2, width: 220, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
    }, setLoadError);
  }, [started, attempt]);

  const body = !started ? (
    <>
      <p>
        Khi bật, mỗi lần đăng nhập bạn nhập thêm mã 6 chữ số do ứng dụng xác thực trên điện thoại (như Google Authenticator, Microsoft
        Authenticator, FreeOTP) tạo ra.
      </p>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => setStarted(true)}>
          Bắt đầu thiết lập
        </button>
      </div>
    </>
  ) : loadError ? (
    <>
      <Alert error={loadError} />
      <div className="row">
        <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>
          Thử lại
        </button>
      </div>
    </>
  ) : !enrollment ? (
    <p className="muted" role="status">
      Đang tạo khóa bí mật…
    </p>
  ) : (
    <EnrollmentSteps enrollment={enrollment} qr={qr} onConfirmed={onConfirmed} />
  );

  const card = (
    <section className="card second-factor-card" aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">Bật xác thực hai bước</h1>
      {forced ? (
        <p className="alert alert-info" role="status">
          Tài khoản của bạn phải bật xác thực hai bước trước khi làm việc tiếp.
        </p>
      ) : null}
      {body}
      {forced && onSignOut ? (
        <div className="row">
          <button type="button" className="btn btn-light" onClick={onSignOut}>
            Đăng xuất
          </button>
        </div>
      ) : null}
    </section>
  );
  return forced ? (
    <main id="main" className="login">
      {card}
    </main>
  ) : (
    card
  );
}

/** The secret (QR code and text), the recovery codes, and the first code that confirms them. */
function EnrollmentSteps({
  enrollment,
  qr,
  onConfirmed,
}: {
  enrollment: SecondFactorEnrollment;
  qr: string | null | undefined;
  onConfirmed: () => void;
}) {
  const [totp, setTotp] = useState('');
  const [stored, setStored] = useState(false);
  const [error, setError] = useState<unknown>();
  const { busy, submit } = useFormSubmit(
    async () => {
      setError(undefined);
      await confirmSecondFactor(totp.replace(/\s/g, ''));
      onConfirmed();
    },
    (err) => {
      setError(confirmRefusal(err));
      setTotp('');
    },
  );

  return (
    <>
      <h2>1. Thêm tài khoản vào ứng dụng xác thực</h2>
      <p>Mở ứng dụng xác thực trên điện thoại và quét mã QR này.</p>
      {qr ? (
        <img className="qr" src={qr} width={220} height={220} alt="Mã QR để thêm tài khoản này vào ứng dụng xác thực" />
      ) : (
        <p className="muted">{qr === null ? 'Không vẽ được mã QR: hãy nhập tay khóa bí mật dưới đây.' : 'Đang vẽ mã QR…'}</p>
      )}
      <p>
        Không quét được? Nhập tay khóa bí mật này (loại theo thời gian, 6 chữ số, 30 giây):
        <br />
        <code className="secret" data-testid="totp-secret">
          {groupSecret(enrollment.secret)}
        </code>
      </p>

      <h2>2. Lưu các mã khôi phục</h2>
      <p className="alert alert-warn" role="note">
        Các mã khôi phục chỉ hiện một lần, ngay bây giờ. Hãy in hoặc chép chúng và cất ở nơi an toàn. Khi không có điện thoại, mỗi mã dùng
        được một lần thay cho mã xác thực.
      </p>
      <ol className="recovery-codes mono" aria-label="Mã khôi phục">
        {enrollment.recoveryCodes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className="field checkbox">
        <input id="recovery-stored" type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <label htmlFor="recovery-stored">Tôi đã lưu các mã khôi phục ở nơi an toàn</label>
      </div>

      <h2>3. Xác nhận</h2>
      <form onSubmit={submit} className="second-factor-confirm">
        <Alert error={error} />
        <CodeField hint="Mã 6 chữ số đang hiện trong ứng dụng xác thực." pattern="[0-9 ]*" maxLength={8} value={totp} onChange={setTotp} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || !stored}>
            {busy ? 'Đang xác nhận…' : 'Xác nhận và bật'}
          </button>
        </div>
      </form>
    </>
  );
}
