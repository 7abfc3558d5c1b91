import { ApiError } from './api/errors';

/** Said for a wrong sign-in code, whichever it was (a TOTP code, a spent one or a recovery code): the registry tells none apart. */
export const WRONG_CODE = 'Mã xác thực không đúng hoặc đã dùng.';

/** Said when the registry first asks for a code (not an error: the account has a second factor). */
export const CODE_ASKED = 'Tài khoản này bật xác thực hai bước: nhập mã xác thực để đăng nhập.';

/** Under the code field: what may be typed there. */
export const CODE_HINT = 'Mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã khôi phục (mỗi mã khôi phục chỉ dùng được một lần).';

/** Said for a wrong first code while enrolling. */
export const WRONG_FIRST_CODE = 'Mã xác thực không đúng. Nhập mã đang hiện trong ứng dụng xác thực (mã đổi sau mỗi 30 giây).';

/**
 * What a refused sign-in means for the form: whether the registry asks for a second-factor code (401
 * SECOND_FACTOR_REQUIRED), and the refusal in words. The registry decides; this only says it.
 */
export function signInRefusal(err: unknown, codeSent: boolean): { askForCode: boolean; error: unknown } {
  if (err instanceof ApiError && err.code === 'SECOND_FACTOR_REQUIRED') {
    return { askForCode: true, error: codeSent ? new Error(WRONG_CODE) : undefined };
  }
  if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
    return { askForCode: false, error: new Error('Sai tên đăng nhập hoặc mật khẩu.') };
  }
  if (err instanceof ApiError && err.code === 'RATE_LIMITED') {
    return { askForCode: codeSent, error: new Error(`Đăng nhập sai quá nhiều lần, hãy thử lại sau. (${err.message})`) };
  }
  return { askForCode: codeSent, error: err };
}

/** A refused first code while enrolling: a wrong code in words, anything else as the registry said it. */
export function confirmRefusal(err: unknown): unknown {
  return err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? new Error(WRONG_FIRST_CODE) : err;
}

/** A base32 secret in groups of four, for typing into an authenticator app (the apps ignore the spaces). */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
