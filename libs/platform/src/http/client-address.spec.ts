import { clientAddress, parseTrustProxy } from './client-address';

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
