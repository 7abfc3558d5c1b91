import { normalizeRegistration } from './number-registration';

const carriers = new Set(['VIETTEL', 'VINAPHONE', 'MOBIFONE']);

describe('normalizeRegistration', () => {
  it('normalises a full registration', () => {
    const r = normalizeRegistration(
      {
        number: '(024) 3943-7142',
        direction: 'inbound_only',
        allowedOrigins: ['vinaphone', ' VIETTEL', 'VIETTEL'],
        validFrom: '2027-01-01T00:00:00Z',
        validTo: '2028-01-01T00:00:00+07:00',
      },
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
      e164: '+84912345678',
      direction: 'outbound',
      allowedOrigins: [],
      validFrom: null,
      validTo: null,
    });
  });

  it.each([
    [{ number: 'abc' }, 'INVALID_NUMBER'],
    [{ number: '0912345678', direction: 'both' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', allowedOrigins: ['ATT'] }, 'INVALID_ORIGIN'],
    [{ number: '0912345678', validFrom: '01/02/2027' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', validFrom: '2027-02-30T00:00:00Z' }, 'VALIDATION_FAILED'],
    [{ number: '0912345678', validFrom: '2027-02-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }, 'VALIDATION_FAILED'],
    [{ number: '=HYPERLINK("http://x")' }, 'INVALID_NUMBER'],
  ])('refuses %j with %s', (input, code) => {
    expect(() => normalizeRegistration(input, carriers)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['2027-01-31', /a date alone is ambiguous: write the instant, e.g. 2027-01-31T00:00:00\+07:00/],
    ['2027-01-31T00:00:00', /with an offset/],
    ['2027-01-31 00:00:00+07:00', /with an offset/],
    ['2027-01-31T00:00+0700', /with an offset/],
  ])('refuses %j: an instant needs a time and an offset, whatever the server time zone', (validTo, message) => {
    expect(() => normalizeRegistration({ number: '0912345678', validTo }, carriers)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) }),
    );
  });

  it.each([
    ['2027-01-31T00:00:00+07:00', '2027-01-30T17:00:00.000Z'],
    ['2027-01-30T17:00:00Z', '2027-01-30T17:00:00.000Z'],
    ['2027-01-30T17:00Z', '2027-01-30T17:00:00.000Z'],
    ['2027-01-30T17:00:00.250-01:00', '2027-01-30T18:00:00.250Z'],
  ])('reads %j as the instant %s', (validTo, instant) => {
    expect(normalizeRegistration({ number: '0912345678', validTo }, carriers).validTo?.toISOString()).toBe(instant);
  });

  it('accepts INTERNATIONAL only when listed explicitly', () => {
    expect(normalizeRegistration({ number: '0912345678', allowedOrigins: ['INTERNATIONAL'] }, carriers).allowedOrigins).toEqual([
      'INTERNATIONAL',
    ]);
  });
});
