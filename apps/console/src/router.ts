import { useEffect, useState } from 'react';

/** A tiny history router for paths under /console/ (the registry answers every /console/* with index.html). */
export const BASE = '/console';

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
