import { describe, expect, it } from 'vitest';
import { ApiError } from './api/errors';
import { confirmRefusal, groupSecret, signInRefusal, WRONG_CODE, WRONG_FIRST_CODE } from './second-factor-text';

const refused = (status: number, code: string, message = 'x') => new ApiError(status, code, message);
const text = (e: unknown) => (e instanceof Error ? e.message : e);

describe('a refused sign-in', () => {
  it('asks for a code when the registry wants one, and calls a sent code wrong whatever it was', () => {
    const asked = signInRefusal(refused(401, 'SECOND_FACTOR_REQUIRED'), false);
    expect(asked).toEqual({ askForCode: true, error: undefined });
    const wrong = signInRefusal(refused(401, 'SECOND_FACTOR_REQUIRED'), true);
    expect(wrong.askForCode).toBe(true);
    expect(text(wrong.error)).toBe(WRONG_CODE);
  });

  it('says a wrong name or password and a throttle as before, keeping the code field once asked', () => {
    expect(signInRefusal(refused(401, 'UNAUTHENTICATED'), false)).toEqual({
      askForCode: false,
      error: new Error('Sai tên đăng nhập hoặc mật khẩu.'),
    });
    const limited = signInRefusal(refused(429, 'RATE_LIMITED', 'retry in 60 s'), true);
    expect(limited.askForCode).toBe(true);
    expect(text(limited.error)).toContain('Đăng nhập sai quá nhiều lần');
    const other = refused(500, 'INTERNAL');
    expect(signInRefusal(other, false)).toEqual({ askForCode: false, error: other });
  });
});

describe('enrolling', () => {
  it('says a wrong first code in words and passes anything else on', () => {
    expect(text(confirmRefusal(refused(400, 'VALIDATION_FAILED')))).toBe(WRONG_FIRST_CODE);
    const limited = refused(429, 'RATE_LIMITED');
    expect(confirmRefusal(limited)).toBe(limited);
  });

  it('groups a secret by four for typing', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});
