import { EntityManager } from 'typeorm';
import type { Author, NumberRegistration } from '@app/domain';
import type { NumberHoldingsService } from '../number-holdings/number-holdings.service';

const INSERT_CHUNK = 2_000;

export interface PendingNumber {
  reg: NumberRegistration;
  brandnameId: string;
  holdingCarrier: string | null;
}

/**
 * Inserts pending claims in bulk, each with its holding request, and returns the numbers this organization
 * already claims (kept out by ON CONFLICT, not an error). Used by the CSV import and by applications.
 */
export async function insertPendingNumbers(
  em: EntityManager,
  holdings: NumberHoldingsService,
  claim: { organizationId: string; submittedBy: string | null; authors: readonly Author[]; applicationId?: string | null },
  unordered: readonly PendingNumber[],
): Promise<string[]> {
  // In number order: two imports that share numbers then wait for each other in one direction only (in file
  // order, one ascending and one descending file deadlock, and a whole import fails).
  const rows = [...unordered].sort((x, y) => (x.reg.e164 < y.reg.e164 ? -1 : x.reg.e164 > y.reg.e164 ? 1 : 0));
  const taken: string[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const inserted: Array<{ id: string; e164: string }> = await em.query(
      `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id, direction, allowed_origins,
                                   valid_from, valid_to, status, submitted_by, last_changed_by, review_authors)
       SELECT e, t, $1, b, d, CASE WHEN o = '' THEN '{}'::text[] ELSE string_to_array(o, ',') END, vf, vt, 'pending', $2, $2, $10::jsonb
         FROM unnest($3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::text[], $8::timestamptz[], $9::timestamptz[])
           AS r(e, t, b, d, o, vf, vt)
       ON CONFLICT (organization_id, e164) WHERE status IN ('pending', 'active', 'suspended') DO NOTHING
       RETURNING id, e164`,
      [
        claim.organizationId,
        claim.submittedBy,
        chunk.map((r) => r.reg.e164),
        chunk.map((r) => r.reg.type),
        chunk.map((r) => r.brandnameId),
        chunk.map((r) => r.reg.direction),
        chunk.map((r) => r.reg.allowedOrigins.join(',')),
        chunk.map((r) => r.reg.validFrom),
        chunk.map((r) => r.reg.validTo),
        JSON.stringify(claim.authors),
      ],
    );
    const carrierOf = new Map(chunk.map((r) => [r.reg.e164, r.holdingCarrier]));
    await holdings.request(
      em,
      inserted.map((r) => ({ numberId: r.id, carrierCode: carrierOf.get(r.e164) ?? null })),
      claim.applicationId ?? null,
    );
    const done = new Set(inserted.map((r) => r.e164));
    taken.push(...chunk.filter((r) => !done.has(r.reg.e164)).map((r) => r.reg.e164));
  }
  return taken;
}
