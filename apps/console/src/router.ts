import { useEffect, useState } from 'react';

/** A tiny history router for paths under /console/ (the registry answers every /console/* with index.html). */
export const BASE = '/console';

/** Where a second factor is enrolled (the only page of an account that must enrol one; the route table has it too). */
export const SECOND_FACTOR_PATH = '/xac-thuc-hai-buoc';

export function currentRoute(): string {
  const p = window.location.pathname;
  const rest = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return rest === '' ? '/' : rest;
}

export function navigate(to: string): void {
  window.history.pushState(null, '', BASE + to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}

/** The query string's `name` parameter, kept up to date on navigation (the route itself is the path only). */
export function useQueryParam(name: string): string {
  const read = () => new URLSearchParams(window.location.search).get(name) ?? '';
  const [value, setValue] = useState(read);
  useEffect(() => {
    const on = () => setValue(read());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
  return value;
}

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * How a path pattern ('/organizations/:id', where a parameter is an id) matches a route: exactly, as a prefix at
 * a segment boundary ('/organizations' under '/organizations/abc'), or not at all.
 */
export function matchPath(pattern: string, route: string): { params: Record<string, string>; exact: boolean } | null {
  const want = pattern.split('/').filter(Boolean);
  const have = route.split('/').filter(Boolean);
  if (have.length < want.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) {
      if (!UUID.test(have[i])) return null;
      params[part.slice(1)] = have[i];
    } else if (part !== have[i]) return null;
  }
  return { params, exact: have.length === want.length };
}
