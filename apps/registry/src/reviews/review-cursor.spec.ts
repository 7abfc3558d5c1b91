import { DomainError } from '@app/domain';
import { decodeCursor, encodeCursor } from './review-cursor';

describe('the review queue cursor', () => {
  it('round-trips a position, microseconds and all', () => {
    const p = { at: '2026-12-02 07:01:02.123456+00', kind: 'numbers' as const, id: '3f1c2a4e-9b7d-4c1e-8f00-123456789abc' };
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
  });

  it.each([
    'not base64 at all!',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["yesterday","numbers","3f1c2a4e-9b7d-4c1e-8f00-123456789abc"]').toString('base64url'),
    Buffer.from('["2026-12-02 07:01:02+00","users","3f1c2a4e-9b7d-4c1e-8f00-123456789abc"]').toString('base64url'),
    Buffer.from('["2026-12-02 07:01:02+00","numbers","1\' OR 1=1"]').toString('base64url'),
  ])('refuses what it did not write: %s', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    try {
      decodeCursor(cursor);
    } catch (err) {
      expect((err as DomainError).code).toBe('VALIDATION_FAILED');
    }
  });
});
