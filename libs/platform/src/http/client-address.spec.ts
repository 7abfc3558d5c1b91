import { clientAddress, limitBucket, parseTrustProxy } from './client-address';

describe('clientAddress', () => {
  const xff = '198.51.100.1, 10.0.0.2, 10.0.0.3';

  it('is the socket address unless TRUST_PROXY says otherwise', () => {
    expect(clientAddress('::ffff:10.0.0.9', xff, parseTrustProxy('false'))).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.9', undefined, parseTrustProxy('true'))).toBe('10.0.0.9');
  });

  it('reads X-Forwarded-For from the right, as far as the trusted proxies go', () => {
    expect(clientAddress('10.0.0.9', xff, parseTrustProxy('true'))).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.9', xff, parseTrustProxy('1'))).toBe('10.0.0.3');
    expect(clientAddress('10.0.0.9', xff, parseTrustProxy('2'))).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.9', xff, parseTrustProxy('10.0.0.0/8'))).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.9', xff, parseTrustProxy('10.0.0.9, 10.0.0.3'))).toBe('10.0.0.2');
    // A client's own X-Forwarded-For in front of a trusted proxy: only what the proxy appended counts.
    expect(clientAddress('10.0.0.9', '1.2.3.4, 203.0.113.5', parseTrustProxy('10.0.0.9'))).toBe('203.0.113.5');
    expect(clientAddress('203.0.113.5', '1.2.3.4', parseTrustProxy('10.0.0.9'))).toBe('203.0.113.5');
  });

  it('refuses a TRUST_PROXY list entry that is no address', () => {
    expect(() => parseTrustProxy('proxy.local')).toThrow(/TRUST_PROXY/);
  });
});

describe('limitBucket: what a per-client limit counts on', () => {
  it('is the /64 of an IPv6 address, however it is written', () => {
    const bucket = '2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::a%eth0']) {
      expect(limitBucket(address)).toBe(bucket);
    }
    expect(limitBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(limitBucket('2001:db8:1:2::1')).not.toBe(limitBucket('2001:db8:1:3::1'));
    expect(limitBucket('::1')).toBe('::/64');
    expect(limitBucket('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('is the address itself for IPv4, and an IPv4-mapped IPv6 address counts as its IPv4', () => {
    expect(limitBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(limitBucket('198.51.100.8')).toBe('198.51.100.8');
    expect(limitBucket('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(limitBucket('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(limitBucket('0:0:0:0:0:ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('keeps anything that is not an address as its own key, and never throws', () => {
    for (const text of ['', 'unknown', '127.1', '2001:db8::1::2', '1.2.3.4/24', 'x'.repeat(300)]) expect(limitBucket(text)).toBe(text);
  });
});
