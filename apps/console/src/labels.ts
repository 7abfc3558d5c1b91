import { KIND_LABEL } from '@app/domain/vietnamese-labels';

// Vietnamese labels for the API's codes: the registry's one vocabulary (libs/domain), shared with its exports.
export {
  DIRECTION_LABEL,
  ENTITY_LABEL,
  KIND_LABEL,
  ROLE_LABEL,
  STATUS_LABEL,
  VIETNAM_TIME_ZONE,
  formatVietnamTime as formatDateTime,
} from '@app/domain/vietnamese-labels';

export const label = (map: Record<string, string>, code: string | null | undefined) => (code ? (map[code] ?? code) : '');

const VIETNAM_OFFSET = '+07:00';

/** A `datetime-local` input's value, read as Vietnam time: "2026-12-01T18:51" → "2026-12-01T11:51:00.000Z". */
export function vietnamLocalToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(`${local.length === 16 ? `${local}:00` : local}${VIETNAM_OFFSET}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An instant as a `datetime-local` value in Vietnam time: "2026-12-01T11:51:00Z" → "2026-12-01T18:51". */
export function isoToVietnamLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

export const KIND_OPTIONS: Readonly<Record<string, string>> = KIND_LABEL;
