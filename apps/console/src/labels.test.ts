import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KINDS } from '@app/domain/lifecycle';
import { formatDateTime, KIND_LABEL, KIND_OPTIONS, vietnamLocalToIso } from './labels';

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

describe('organization kinds', () => {
  it('offers every kind the registry knows, each with its Vietnamese label, state bodies first and "Khác" last', () => {
    expect(Object.keys(KIND_OPTIONS).sort()).toEqual([...ORGANIZATION_KINDS].sort());
    for (const [kind, text] of Object.entries(KIND_OPTIONS)) {
      expect({ kind, text }).toEqual({ kind, text: KIND_LABEL[kind] });
      expect(text).not.toBe(kind);
    }
    expect(Object.keys(KIND_OPTIONS)[0]).toBe('ministry');
    expect(Object.keys(KIND_OPTIONS).slice(-2)).toEqual(['bank', 'other']);
    expect(KIND_OPTIONS.police).toBe('Công an');
  });
});
