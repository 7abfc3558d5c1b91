import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './errors';
import { currentToken, refusedAsUnauthenticated } from './session-store';

/** Only the set values, as URLSearchParams writes them (an empty filter is no filter). */
function setValuesOnly(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

/**
 * The registry's API, typed by its OpenAPI document (schema.d.ts): paths, parameters, bodies and answers are the
 * contract's, so a renamed route or field is a compile error here rather than a blank page. Every call carries the
 * session's bearer token; a 401 ends the session.
 */
export const client = createClient<paths>({ querySerializer: setValuesOnly, headers: { accept: 'application/json' } });

client.use({
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    refusedAsUnauthenticated(response.status);
    return response;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or the refusal as an ApiError. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.of(response.status, response.statusText, error);
  return data as T;
}

/** `{params: {path: {id}}}`: the one path parameter most routes take. */
export const byId = (id: string) => ({ params: { path: { id } } });
