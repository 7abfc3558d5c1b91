import { DomainError } from './errors';
import {
  e164PrefixOfQuery,
  formatNationalNumber,
  maskPhoneNumber,
  parsePhoneNumber,
  PHONE_CACHE_LIMIT,
  phoneNumberCacheSize,
  PhoneNumberType,
  tryParsePhoneNumber,
  VN_COUNTRY_CALLING_CODE,
} from './phone-number';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('parsePhoneNumber', () => {
  // Every number below was checked against libphonenumber-js "max" metadata (1.13.x).
  const valid: Array<[string, string, PhoneNumberType]> = [
    // Hà Nội fixed line, in every way people write it
    ['+84 24 3943 7142', '+842439437142', 'fixed_line'],
    ['842439437142', '+842439437142', 'fixed_line'],
    ['02439437142', '+842439437142', 'fixed_line'],
    ['024.3943.7142', '+842439437142', 'fixed_line'],
    ['(024) 3943-7142', '+842439437142', 'fixed_line'],
    ['+84 (0) 24 3943 7142', '+842439437142', 'fixed_line'],
    [' 842439437142', '+842439437142', 'fixed_line'], // "+" URL-decoded to a space
    ['  +84 24 3943 7142  ', '+842439437142', 'fixed_line'],
    ['tel:+84-24-3943-7142', '+842439437142', 'fixed_line'],
    // Hồ Chí Minh City fixed line
    ['02838221234', '+842838221234', 'fixed_line'],
    ['+84 28 3822 1234', '+842838221234', 'fixed_line'],
    // Mobile
    ['0912 345 678', '+84912345678', 'mobile'],
    ['+84912345678', '+84912345678', 'mobile'],
    ['84912345678', '+84912345678', 'mobile'],
    [' 84912345678', '+84912345678', 'mobile'],
    ['0084 912 345 678', '+84912345678', 'mobile'],
    ['(+84) 912 345 678', '+84912345678', 'mobile'],
    ['0912-345-678', '+84912345678', 'mobile'],
    ['tel:0912345678', '+84912345678', 'mobile'],
    ['０９１２３４５６７８', '+84912345678', 'mobile'],
    ['＋８４９１２３４５６７８', '+84912345678', 'mobile'],
    ['0321234567', '+84321234567', 'mobile'],
    ['0561234567', '+84561234567', 'mobile'],
    ['0701234567', '+84701234567', 'mobile'],
    ['0812345678', '+84812345678', 'mobile'],
    ['0981234567', '+84981234567', 'mobile'],
    ['841992345', '+84841992345', 'mobile'], // national 084…, not "+84" + UAN 1992345
    // Toll free and premium rate: 1800/1900 + 4 to 6 digits
    ['1800 1234', '+8418001234', 'toll_free'],
    ['18001234', '+8418001234', 'toll_free'],
    ['1800 123 456', '+841800123456', 'toll_free'],
    ['+84 1800 1234', '+8418001234', 'toll_free'],
    ['1900 1234', '+8419001234', 'premium_rate'],
    ['1900 123 456', '+841900123456', 'premium_rate'],
    // Rarer types
    ['1992345', '+841992345', 'uan'],
    ['0672123456', '+84672123456', 'voip'],
  ];

  it.each(valid)('accepts %j as %s (%s)', (input, e164, type) => {
    const parsed = parsePhoneNumber(input);
    expect(parsed.e164).toBe(e164);
    expect(parsed.type).toBe(type);
  });

  it('gives the national format', () => {
    expect(parsePhoneNumber('+842439437142').national).toBe('024 3943 7142');
    expect(parsePhoneNumber('84912345678').national).toBe('0912 345 678');
    expect(parsePhoneNumber('18001234').national).toBe('1800 1234');
  });

  const invalid: string[] = [
    '',
    '   ',
    '---',
    '0912',
    '0912abc678',
    '1-800-FLOWERS',
    'call 0912345678',
    '+1 202 555 0123',
    '+44 20 7946 0958',
    '0044 20 7946 0958',
    '0912 345 678 ext. 12',
    'tel:+84912345678;ext=12',
    '01234567890', // pre-2018 11-digit mobile
    '0521234567', // unassigned mobile prefix
    '0891234567', // unassigned mobile prefix
    '1800123', // toll free too short
    '1800 1234567', // toll free too long
    '02439437142999',
    '2439437142999',
    '++84912345678',
    '0912\n345678',
  ];

  it.each(invalid)('rejects %j with INVALID_NUMBER naming the input', (input) => {
    const err = errorOf(() => parsePhoneNumber(input));
    expect(err.code).toBe('INVALID_NUMBER');
    expect(err.message).toContain(JSON.stringify(input.replace(/\n/g, '')));
    expect(err.message).toContain('is not a valid Vietnamese phone number');
  });

  it('rejects inputs over 64 characters even if they would trim to a valid number', () => {
    const input = `0912345678${' '.repeat(55)}`;
    expect(errorOf(() => parsePhoneNumber(input)).code).toBe('INVALID_NUMBER');
  });

  it('truncates a long echoed input and strips control characters', () => {
    const long = errorOf(() => parsePhoneNumber('1'.repeat(100))).message;
    expect(long).toContain(`"${'1'.repeat(40)}…"`);
    expect(long).not.toContain('1'.repeat(41));
    const ctl = errorOf(() => parsePhoneNumber('09\u0000\u001b12\u202e34')).message;
    expect(ctl).toBe('"091234" is not a valid Vietnamese phone number');
  });

  it('returns the same frozen result from the cache', () => {
    const first = parsePhoneNumber('+84 24 3943 7142');
    const second = parsePhoneNumber('+84 24 3943 7142');
    expect(second).toBe(first);
    expect(second).toEqual({ e164: '+842439437142', type: 'fixed_line', national: '024 3943 7142' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { e164: string }).e164 = '+840000000000';
    }).toThrow(TypeError);
  });

  it('keeps the cache bounded, and keeps numbers that stay in use', () => {
    const hot = parsePhoneNumber('0981234567');
    for (let i = 0; i < 2 * PHONE_CACHE_LIMIT + 100; i++) {
      tryParsePhoneNumber(`x${i}`);
      if (i % 1000 === 0) {
        expect(tryParsePhoneNumber('0981234567')).toBe(hot);
        expect(phoneNumberCacheSize()).toBeLessThanOrEqual(PHONE_CACHE_LIMIT);
      }
    }
    expect(phoneNumberCacheSize()).toBeLessThanOrEqual(PHONE_CACHE_LIMIT);
    expect(parsePhoneNumber('0981234567')).toBe(hot);
    expect(tryParsePhoneNumber('x0')).toBeNull(); // evicted long ago, still refused
  });

  it('exports the country calling code', () => {
    expect(VN_COUNTRY_CALLING_CODE).toBe('84');
  });
});

describe('tryParsePhoneNumber', () => {
  it.each([null, undefined, 912345678, 842439437142n, {}, ['0912345678'], true])('returns null for %p', (input) => {
    expect(tryParsePhoneNumber(input)).toBeNull();
  });

  it('returns null for invalid strings and the parsed number for valid ones', () => {
    expect(tryParsePhoneNumber('0912')).toBeNull();
    expect(tryParsePhoneNumber('+1 202 555 0123')).toBeNull();
    expect(tryParsePhoneNumber('0912 345 678')).toEqual({
      e164: '+84912345678',
      type: 'mobile',
      national: '0912 345 678',
    });
  });

  it('says why a non-string is refused by parsePhoneNumber', () => {
    const err = errorOf(() => parsePhoneNumber(42 as unknown as string));
    expect(err.code).toBe('INVALID_NUMBER');
    expect(err.message).toBe('A value of type number is not a valid Vietnamese phone number');
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+842439437142', '+84*******142'],
    ['024 3943 7142', '+84*******142'],
    ['0912 345 678', '+84******678'],
    ['1800 1234', '+84*****234'],
    ['0912abc678', '****abc678'], // invalid: masked as written
    ['+1 202 555 0123', '+* *** *** *123'],
    ['12', '12'],
    ['', ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskPhoneNumber(input)).toBe(masked);
  });
});

describe('e164PrefixOfQuery', () => {
  it.each([
    ['+84 24 3943 7142', '+842439437142'],
    ['0243 943 7142', '+842439437142'],
    ['842439437142', '+842439437142'],
    ['(024) 3943-7142', '+842439437142'],
    ['02439', '+842439'],
    ['0912.345', '+84912345'],
    ['+8424', '+8424'],
    ['008424394', '+8424394'],
    ['2439', '+842439'],
  ])('%s → %s', (q, prefix) => {
    expect(e164PrefixOfQuery(q)).toBe(prefix);
  });

  it.each(['', '0', '+84', '84', 'bo cong an', '024 abc', '+1 202 555 0100', '*', '0'.repeat(20), 'x'.repeat(100)])(
    'not a number: %j',
    (q) => {
      expect(e164PrefixOfQuery(q)).toBeNull();
    },
  );

  it('refuses what is not a string', () => {
    expect(e164PrefixOfQuery(undefined)).toBeNull();
    expect(e164PrefixOfQuery(['0243'])).toBeNull();
  });
});

describe('formatNationalNumber', () => {
  it('formats stored numbers as people read them', () => {
    expect(formatNationalNumber('+842439437142')).toBe('024 3943 7142');
    expect(formatNationalNumber('+84912345678')).toBe('0912 345 678');
  });
  it('leaves anything else as it is', () => {
    expect(formatNationalNumber('not a number')).toBe('not a number');
  });
});
