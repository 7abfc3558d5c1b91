import type { Me } from './types';

/** A signed-in session, kept in this tab (sessionStorage) until its token expires or the user signs out. */
export interface Session {
  token: string;
  expiresAt: number; // epoch ms
  me: Me;
}

export type SignOutReason = 'expired' | 'signed-out';

const STORAGE_KEY = 'vbr.console.session';
let session: Session | null = null;
let onSignedOut: (reason: SignOutReason) => void = () => {};
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export function setSignOutHandler(fn: (reason: SignOutReason) => void): void {
  onSignedOut = fn;
}

export function currentSession(): Session | null {
  return session;
}

/** The bearer token of the session, or of a sign-in still asking who it is (see holdToken). */
export function currentToken(): string | null {
  return session?.token ?? null;
}

/** A token whose user is not known yet (GET /v1/auth/me is asked with it); not kept. */
export function holdToken(token: string, expiresAt: number): void {
  session = { token, expiresAt, me: undefined as unknown as Me };
}

export function forgetToken(): void {
  session = null;
}

export function startSession(s: Session): void {
  session = s;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => endSession('expired'), Math.max(0, s.expiresAt - Date.now()));
}

export function endSession(reason: SignOutReason): void {
  clearTimeout(expiryTimer);
  const had = session !== null;
  session = null;
  sessionStorage.removeItem(STORAGE_KEY);
  if (had) onSignedOut(reason);
}

/** A 401 ends the session: its token expired or was revoked (a password change elsewhere). */
export function refusedAsUnauthenticated(status: number): void {
  if (status === 401 && session) endSession('expired');
}

/** The session kept in this tab (sessionStorage), if its token has not expired. */
export function restoreSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || !(s.expiresAt > Date.now() + 1000)) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    startSession(s);
    return s;
  } catch {
    return null;
  }
}
