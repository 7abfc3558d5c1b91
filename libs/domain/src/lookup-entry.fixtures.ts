import type { LookupEntry } from './lookup-entry';

/** Test data for the specs of time rules: a pilot entry, and every mix of state, direction and dates around t0. */
export const HOUR = 3_600_000;
export const T0 = Date.parse('2027-01-01T00:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export const PILOT_ENTRY: LookupEntry = {
  number: '+842439437142',
  state: 'active',
  direction: 'outbound',
  display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
  organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
  allowedOrigins: [],
  validFrom: null,
  validTo: null,
  labelExpiresAt: null,
};

export function timedVariants(): LookupEntry[] {
  const variants: LookupEntry[] = [];
  for (const state of ['active', 'suspended'] as const) {
    for (const direction of ['outbound', 'inbound_only'] as const) {
      for (const validFrom of [null, iso(T0 - HOUR), iso(T0 + HOUR)]) {
        for (const validTo of [null, iso(T0 + 2 * HOUR), iso(T0 - 2 * HOUR)]) {
          for (const labelExpiresAt of [null, iso(T0 + 3 * HOUR), iso(T0 + 0.5 * HOUR), iso(T0 - 3 * HOUR)]) {
            variants.push({ ...PILOT_ENTRY, state, direction, validFrom, validTo, labelExpiresAt });
          }
        }
      }
    }
  }
  return variants;
}
