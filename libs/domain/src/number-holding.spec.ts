import { DomainError } from './errors';
import { holdingAllows, HoldingState, nextHoldingStatus, statusAfterRelease } from './number-holding';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return (err as DomainError).code;
  }
  return null;
};
const held = (over: Partial<HoldingState> = {}): HoldingState => ({
  carrierCode: 'VIETTEL',
  status: 'pending',
  source: null,
  ...over,
});

describe('holding of a number', () => {
  it('a carrier answers once and releases only what it confirmed', () => {
    expect(nextHoldingStatus('pending', 'confirm')).toBe('confirmed');
    expect(nextHoldingStatus('pending', 'deny')).toBe('denied');
    expect(nextHoldingStatus('confirmed', 'release')).toBe('released');
    expect(code(() => nextHoldingStatus('confirmed', 'deny'))).toBe('INVALID_TRANSITION');
    expect(code(() => nextHoldingStatus('denied', 'confirm'))).toBe('INVALID_TRANSITION');
    expect(code(() => nextHoldingStatus('pending', 'release'))).toBe('INVALID_TRANSITION');
  });

  it('approval waits for the named carrier, whoever registered the number', () => {
    expect(code(() => holdingAllows('approve', held(), 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(code(() => holdingAllows('approve', held(), 'regulator'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(holdingAllows('approve', held({ status: 'confirmed', source: 'carrier' }), 'agency_admin')).toBe('ok');
  });

  it("a regulator's registration without a carrier is confirmed by the second regulator's approval; an agency admin's never", () => {
    expect(holdingAllows('approve', held({ carrierCode: null }), 'regulator')).toBe('approval_confirms');
    expect(code(() => holdingAllows('approve', held({ carrierCode: null }), 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(holdingAllows('approve', null, 'regulator')).toBe('approval_confirms');
    expect(holdingAllows('approve', null, 'system')).toBe('approval_confirms');
    expect(code(() => holdingAllows('approve', null, 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(code(() => holdingAllows('approve', null, null))).toBe('CARRIER_CONFIRMATION_REQUIRED');
  });

  it('a confirmation for the carrier counts (its author is barred by the four-eyes decision); a released number may not be reinstated', () => {
    const onBehalf = held({ status: 'confirmed', source: 'regulator_on_behalf' });
    expect(holdingAllows('approve', onBehalf, 'agency_admin')).toBe('ok');
    expect(code(() => holdingAllows('reinstate', held({ status: 'released' }), 'agency_admin'))).toBe('INVALID_TRANSITION');
    expect(holdingAllows('suspend', held({ status: 'released' }), 'agency_admin')).toBe('ok');
  });
});

describe('statusAfterRelease', () => {
  it('stops a released number from branding: live is suspended, pending rejected, closed ones stay', () => {
    expect(statusAfterRelease('active')).toBe('suspended');
    expect(statusAfterRelease('pending')).toBe('rejected');
    expect(statusAfterRelease('suspended')).toBeNull();
    expect(statusAfterRelease('revoked')).toBeNull();
    expect(statusAfterRelease('rejected')).toBeNull();
  });
});
