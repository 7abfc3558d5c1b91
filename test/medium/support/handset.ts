import { compileEntry, LookupAnswer, LookupEntry, resolveLookup } from '@app/domain';
import type { DataSource } from 'typeorm';

/** The number's published entry, as the lookups copy it (undefined: not published). */
export async function publishedEntry(ds: DataSource, e164: string): Promise<LookupEntry | undefined> {
  const [row] = await ds.query(`SELECT entry FROM published_numbers WHERE e164 = $1`, [e164]);
  return row?.entry;
}

/**
 * What a lookup answers for the number now, from its published entry by the lookup's own rule (libs/domain
 * resolveLookup): what a handset would be told. That the lookups serve the published entries, and keep serving
 * them through changes, is the e2e tier's (test/lookup, test/registry/review-policy.e2e-spec.ts).
 */
export async function handsetAnswer(ds: DataSource, e164: string, origin?: string): Promise<LookupAnswer> {
  const entry = await publishedEntry(ds, e164);
  return resolveLookup(e164, entry ? compileEntry(entry) : undefined, Date.now(), origin);
}
