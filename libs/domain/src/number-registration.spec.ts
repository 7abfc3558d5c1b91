import { normalizeRegistration } from './number-registration';

const carriers = new Set(['VIETTEL', 'VINAPHONE', 'MOBIFONE']);

describe('normalizeRegistration', () => {
  it('normalises a full registration', () => {
    const r = normalizeRegistration(
      { number: '(024) 3943-7142', direction: 'inbound_only', allowedOrigins: ['vinaphone', ' VIETTEL', 'VIETTEL'], validFrom: '2027-01-01', validTo: '2028-01-01T00:00:00+07:00' },
      carriers,
    );
    expect(r).toEqual({
      e164: '+842439437142',
      type: 'fixed_line',
      direction: 'inbound_only',
      allowedOrigins: ['VIETTEL', 'VINAPHONE'],
      validFrom: new Date('2027-01-01T00:00:00Z'),
      validTo: new Date('2027-12-31T17:00:00Z'),
    });
  });

  it('defaults to an outbound number with no restrictions', () => {
    expect(normalizeRegistration({ number: '0912345678' }, carriers)).toMatchObject({
      e164: '+84912345678', direction: 'outbound', allowedOrigins: [], validFrom: null, validTo: null,
    });
  });

  it.each([
    [{ number: 'abc' }, 'INVALID_NUMBER'],
    [{ number: '0912345678', direction: 'both' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', allowedOrigins: ['ATT'] }, 'INVALID_ORIGIN'],
    [{ number: '0912345678', validFrom: '01/02/2027' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', validFrom: '2027-02-30' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', validFrom: '2027-02-01', validTo: '2027-01-01' }, 'VALIDATION_FAILED'],
    [{ number: '=HYPERLINK("http://x")' }, 'INVALID_NUMBER'],
  ])('refuses %j with %s', (input, code) => {
    expect(() => normalizeRegistration(input, carriers)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts INTERNATIONAL only when listed explicitly', () => {
    expect(normalizeRegistration({ number: '0912345678', allowedOrigins: ['INTERNATIONAL'] }, carriers).allowedOrigins).toEqual(['INTERNATIONAL']);
  });
});
