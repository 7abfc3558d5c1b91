import { describe, expect, it } from 'vitest';
import { formatDateTime, vietnamLocalToIso } from './labels';

describe('times in Vietnam', () => {
  it.each([
    ['2026-12-01T11:51:00Z', '01/12/2026 18:51'],
    ['2026-12-31T17:00:00.000Z', '01/01/2027 00:00'],
    ['2027-01-31T00:00:00+07:00', '31/01/2027 00:00'],
  ])('shows %s as %s whatever the browser time zone', (iso, shown) => {
    expect(formatDateTime(iso)).toBe(shown);
  });

  it('leaves empty and unreadable values alone', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('reads a datetime-local value as Vietnam time', () => {
    expect(vietnamLocalToIso('2026-12-01T18:51')).toBe('2026-12-01T11:51:00.000Z');
    expect(vietnamLocalToIso('')).toBeUndefined();
  });
});
