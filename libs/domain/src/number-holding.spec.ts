import { DomainError } from './errors';
import { holdingAllows, HoldingState, nextHoldingStatus } from './number-holding';

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
  decidedByUser: null,
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
    expect(code(() => holdingAllows('approve', held(), 'reg2', 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(code(() => holdingAllows('approve', held(), 'reg2', 'regulator'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(holdingAllows('approve', held({ status: 'confirmed', source: 'carrier' }), 'reg2', 'agency_admin')).toBe('ok');
  });

  it("a regulator's registration without a carrier is confirmed by the second regulator's approval; an agency admin's never", () => {
    expect(holdingAllows('approve', held({ carrierCode: null }), 'reg2', 'regulator')).toBe('approval_confirms');
    expect(code(() => holdingAllows('approve', held({ carrierCode: null }), 'reg2', 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(holdingAllows('approve', null, 'reg2', 'regulator')).toBe('approval_confirms');
    expect(code(() => holdingAllows('approve', null, 'reg2', 'agency_admin'))).toBe('CARRIER_CONFIRMATION_REQUIRED');
    expect(code(() => holdingAllows('approve', null, 'reg2', null))).toBe('CARRIER_CONFIRMATION_REQUIRED');
  });

  it('whoever confirmed for the carrier may not approve; a released number may not be reinstated', () => {
    const onBehalf = held({ status: 'confirmed', source: 'regulator_on_behalf', decidedByUser: 'reg2' });
    expect(code(() => holdingAllows('approve', onBehalf, 'reg2', 'agency_admin'))).toBe('FOUR_EYES_REQUIRED');
    expect(holdingAllows('approve', onBehalf, 'reg3', 'agency_admin')).toBe('ok');
    expect(code(() => holdingAllows('reinstate', held({ status: 'released' }), 'reg3', 'agency_admin'))).toBe('INVALID_TRANSITION');
    expect(holdingAllows('suspend', held({ status: 'released' }), 'reg3', 'agency_admin')).toBe('ok');
  });
});
