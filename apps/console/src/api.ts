import { errorText as vietnameseError } from '../../../libs/domain/src/error-text';
import { fourEyesText } from '../../../libs/domain/src/four-eyes-text';
import { fieldText } from './field-text';
import type { FieldProblem, ImportReport, Me } from './types';

/** An error answered by the API: {statusCode, code, message, requestId}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** Each problem of a request refused for several reasons (an application). */
    readonly fields: FieldProblem[] = [],
    /** A four-eyes refusal: which rule refused it (said in Vietnamese by four-eyes-text). */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Session {
  token: string;
  expiresAt: number; // epoch ms
  me: Me;
}

const STORAGE_KEY = 'vbr.console.session';
let session: Session | null = null;
let onSignedOut: (reason: 'expired' | 'signed-out') => void = () => {};
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export function setSignOutHandler(fn: (reason: 'expired' | 'signed-out') => void): void {
  onSignedOut = fn;
}

export function currentSession(): Session | null {
  return session;
}

function startSession(s: Session): void {
  session = s;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => endSession('expired'), Math.max(0, s.expiresAt - Date.now()));
}

export function endSession(reason: 'expired' | 'signed-out'): void {
  clearTimeout(expiryTimer);
  const had = session !== null;
  session = null;
  sessionStorage.removeItem(STORAGE_KEY);
  if (had) onSignedOut(reason);
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

async function toApiError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; requestId?: string; fields?: FieldProblem[]; rule?: string } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  return new ApiError(
    res.status,
    body.code ?? 'HTTP_' + res.status,
    body.message ?? res.statusText,
    body.requestId,
    body.fields ?? [],
    body.rule,
  );
}

function handle401(status: number): void {
  if (status === 401 && session) endSession('expired');
}

/** A JSON call to /v1 with the session's bearer token; a 401 ends the session. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    handle401(res.status);
    throw await toApiError(res);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** A multipart upload (a document) with the session's token. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  const res = await fetch(`/v1${path}`, { method: 'POST', headers, body: form });
  if (!res.ok) {
    handle401(res.status);
    throw await toApiError(res);
  }
  return (await res.json()) as T;
}

/** A file behind the session's token, as a Blob (documents are never public links). */
export async function download(path: string): Promise<Blob> {
  const res = await fetch(`/v1${path}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) {
    handle401(res.status);
    throw await toApiError(res);
  }
  return res.blob();
}
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Changes the signed-in user's password. Every older token stops at once, so the session carries on with the
 * new token the answer holds.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  const token = await api<{ accessToken: string; expiresIn: number }>('POST', '/auth/change-password', { currentPassword, newPassword });
  const me = { ...session!.me, passwordChangeRequired: false };
  startSession({ token: token.accessToken, expiresAt: Date.now() + token.expiresIn * 1000, me });
  return session!;
}

export async function signIn(username: string, password: string): Promise<Session> {
  return startWith(await api<{ accessToken: string; expiresIn: number }>('POST', '/auth/login', { username, password }));
}

/**
 * An enrolled account's holder sets its own password with both halves of its code (POST /v1/auth/enroll); the
 * answer is a token like a sign-in's, so the holder is signed in at once.
 */
export async function enroll(input: { username: string; firstCode: string; secondCode: string; newPassword: string }): Promise<Session> {
  return startWith(await api<{ accessToken: string; expiresIn: number }>('POST', '/auth/enroll', input));
}

/** A session from a fresh token: who it is comes from GET /v1/auth/me. */
async function startWith(token: { accessToken: string; expiresIn: number }): Promise<Session> {
  const expiresAt = Date.now() + token.expiresIn * 1000;
  session = { token: token.accessToken, expiresAt, me: undefined as unknown as Me };
  try {
    const me = await get<Me>('/auth/me');
    startSession({ token: token.accessToken, expiresAt, me });
    return session!;
  } catch (err) {
    session = null;
    throw err;
  }
}

/** The CSV import, with XMLHttpRequest so the upload progress can be shown. */
export function uploadImport(orgId: string, file: File, dryRun: boolean, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/organizations/${encodeURIComponent(orgId)}/numbers/import${dryRun ? '?dryRun=true' : ''}`);
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as unknown as ImportReport);
      } else {
        handle401(xhr.status);
        reject(
          new ApiError(
            xhr.status,
            String(body.code ?? 'HTTP_' + xhr.status),
            String(body.message ?? xhr.statusText),
            body.requestId as string,
          ),
        );
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Không kết nối được tới máy chủ'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * What went wrong, in Vietnamese, from the one table of error codes (the API's English message stays in the API
 * and in the browser's network log). Each field problem is added in words, with the field it names.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return err.message; // no answer at all (already Vietnamese)
    // A four-eyes refusal says which rule refused it: the same words as beside a disabled button.
    if (err.code === 'FOUR_EYES_REQUIRED' && err.rule) return fourEyesText({ allowed: false, code: err.code, rule: err.rule })!;
    const each = err.fields.map((f) => `${fieldText(f.field)}: ${f.code ? vietnameseError(f.code) : 'chưa đúng yêu cầu'}`);
    return [vietnameseError(err.code), ...each].join(' ');
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
