import { compileEntry } from './lookup-entry';
import { HOUR, iso, PILOT_ENTRY, T0 } from './lookup-entry.fixtures';
import { publicCheckAnswer, SlidingWindowLimiter } from './public-check';

describe('publicCheckAnswer', () => {
  const answer = (entry: typeof PILOT_ENTRY | undefined, now = T0) => publicCheckAnswer('+842439437142', entry && compileEntry(entry), now);

  it('shows only what a handset shows: organization, label and name, status', () => {
    expect(answer({ ...PILOT_ENTRY, allowedOrigins: ['VIETTEL'] })).toEqual({
      number: '+842439437142',
      registered: true,
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      display: { label: 'BO TTTT', name: 'Bộ TT&TT' },
      status: 'active',
    });
    expect(answer({ ...PILOT_ENTRY, state: 'suspended' })).toMatchObject({ registered: true, status: 'suspended' });
    expect(answer({ ...PILOT_ENTRY, direction: 'inbound_only' })).toMatchObject({ registered: true, status: 'active', inboundOnly: true });
  });

  it('is not registered when unknown, outside the validity, or after an active label expired', () => {
    const no = { number: '+842439437142', registered: false };
    expect(answer(undefined)).toEqual(no);
    expect(answer({ ...PILOT_ENTRY, validFrom: iso(T0 + HOUR) })).toEqual(no);
    expect(answer({ ...PILOT_ENTRY, validTo: iso(T0) })).toEqual(no);
    expect(answer({ ...PILOT_ENTRY, labelExpiresAt: iso(T0) })).toEqual(no);
    expect(answer({ ...PILOT_ENTRY, labelExpiresAt: iso(T0 + HOUR) })).toMatchObject({ registered: true });
  });
});

describe('SlidingWindowLimiter', () => {
  it('refuses the 31st event in any 60 s, whatever the clock minute, with the seconds to wait', () => {
    const limiter = new SlidingWindowLimiter(30, 60_000);
    const start = 59_990; // straddles a clock minute: a fixed window would let 60 through
    for (let i = 0; i < 30; i++) expect(limiter.take('a', start + i)).toBe(0);
    expect(limiter.take('a', start + 30)).toBe(60);
    expect(limiter.take('b', start + 30)).toBe(0);
    expect(limiter.take('a', start + 59_000)).toBe(1);
    expect(limiter.take('a', start + 60_000)).toBe(0); // the first one has left the window
    expect(limiter.take('a', start + 60_000)).toBeGreaterThan(0); // ...and the window is full again
  });

  it('is off at 0, and forgets idle keys when the map grows', () => {
    const off = new SlidingWindowLimiter(0, 60_000);
    for (let i = 0; i < 100; i++) expect(off.take('a', i)).toBe(0);
    const small = new SlidingWindowLimiter(1, 1_000, 4);
    for (let i = 0; i < 4; i++) small.take(`k${i}`, 0);
    small.take('k9', 5_000); // the sweep drops the four idle keys
    expect(small.take('k0', 5_000)).toBe(0);
    expect((small as unknown as { times: Map<string, number[]> }).times.size).toBe(2);
  });
});
