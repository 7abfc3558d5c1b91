import { client, ok } from './client';
import { currentSession, forgetToken, holdToken, startSession } from './session-store';
import type { Session } from './session-store';
import type { components } from './schema';

type Token = components['schemas']['TokenDto'];

/** A session from a fresh token: who it is comes from GET /v1/auth/me. */
async function startWith(token: Token): Promise<Session> {
  const expiresAt = Date.now() + token.expiresIn * 1000;
  holdToken(token.accessToken, expiresAt);
  try {
    const me = await ok(client.GET('/v1/auth/me'));
    startSession({ token: token.accessToken, expiresAt, me });
    return currentSession()!;
  } catch (err) {
    forgetToken();
    throw err;
  }
}

/**
 * Signs in with a name and password, and the second factor's code (or a recovery code) when the account has one:
 * without it, or with a wrong one, the registry answers 401 SECOND_FACTOR_REQUIRED. An account that must enrol a
 * second factor first gets a token for that alone (its `me.secondFactorEnrollmentRequired` says so).
 */
export async function signIn(username: string, password: string, totp?: string): Promise<Session> {
  const body = { username, password, ...(totp ? { totp } : {}) };
  return startWith(await ok(client.POST('/v1/auth/login', { body })));
}

export type SecondFactorEnrollment = components['schemas']['SecondFactorEnrollmentDto'];

/**
 * Starts enrolling the signed-in user's second factor: a new secret (its otpauth URL for a QR code) and ten
 * recovery codes, shown only now. Starting again replaces an unconfirmed one.
 */
export function startSecondFactorEnrollment(): Promise<SecondFactorEnrollment> {
  return ok(client.POST('/v1/auth/totp/enroll'));
}

/**
 * Confirms the new second factor with the code the app shows. Every older token stops (an enrolment token among
 * them), so the session carries on with the full token the answer holds, and who it is is asked again.
 */
export async function confirmSecondFactor(totp: string): Promise<Session> {
  return startWith(await ok(client.POST('/v1/auth/totp/confirm', { body: { totp } })));
}

/**
 * An enrolled account's holder sets its own password with both halves of its code (POST /v1/auth/enroll); the
 * answer is a token like a sign-in's, so the holder is signed in at once.
 */
export async function enroll(body: { username: string; firstCode: string; secondCode: string; newPassword: string }): Promise<Session> {
  return startWith(await ok(client.POST('/v1/auth/enroll', { body })));
}

/**
 * Changes the signed-in user's password. Every older token stops at once, so the session carries on with the
 * new token the answer holds.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  const token = await ok(client.POST('/v1/auth/change-password', { body: { currentPassword, newPassword } }));
  const me = { ...currentSession()!.me, passwordChangeRequired: false };
  startSession({ token: token.accessToken, expiresAt: Date.now() + token.expiresIn * 1000, me });
  return currentSession()!;
}
