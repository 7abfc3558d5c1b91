import { EntityManager } from 'typeorm';
import type { Author } from '@app/domain';
import type { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import type { NumbersRepository, PendingClaim } from './numbers.repository';

export interface PendingNumber extends PendingClaim {
  holdingCarrier: string | null;
}

/**
 * Registers pending claims in bulk, each with its holding request, and returns the numbers this organization
 * already claims (kept out, not an error). Used by the CSV import and by applications.
 */
export async function insertPendingNumbers(
  em: EntityManager,
  repos: { numbers: NumbersRepository; holdings: NumberHoldingsService },
  claim: { organizationId: string; submittedBy: string | null; authors: readonly Author[]; applicationId?: string | null },
  rows: readonly PendingNumber[],
): Promise<string[]> {
  const { inserted, taken } = await repos.numbers.insertPendingClaims(em, claim, rows);
  const carrierOf = new Map(rows.map((r) => [r.reg.e164, r.holdingCarrier]));
  await repos.holdings.request(
    em,
    inserted.map((r) => ({ numberId: r.id, carrierCode: carrierOf.get(r.e164) ?? null })),
    claim.applicationId ?? null,
  );
  return taken;
}
