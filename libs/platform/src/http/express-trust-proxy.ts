/**
 * TRUST_PROXY as Express takes it (`app.set('trust proxy', …)`), so that the registry's `req.ip` (sign-in
 * throttling, audit addresses) names the client behind the same proxies the lookup trusts (client-address.ts):
 * `false`, `true`, a hop count, or comma-separated addresses / CIDRs, all of which Express reads the same way.
 */
export function expressTrustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .join(', ');
}
