import { DomainError } from '@app/domain';
import { REVIEWABLE_KINDS, ReviewableKind } from './dto/review.dto';

/** Where a queue page ended: the sort key of its last item (timestamp text keeps PostgreSQL's microseconds). */
export interface QueuePosition {
  at: string;
  kind: ReviewableKind;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function encodeCursor(p: QueuePosition): string {
  return Buffer.from(JSON.stringify([p.at, p.kind, p.id])).toString('base64url');
}

/** Opaque to clients; anything not written by encodeCursor is VALIDATION_FAILED, never a 500. */
export function decodeCursor(cursor: string): QueuePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[0] === 'string' &&
    TIMESTAMP.test(parsed[0]) &&
    (REVIEWABLE_KINDS as readonly unknown[]).includes(parsed[1]) &&
    typeof parsed[2] === 'string' &&
    UUID.test(parsed[2])
  ) {
    return { at: parsed[0], kind: parsed[1] as ReviewableKind, id: parsed[2] };
  }
  throw new DomainError('VALIDATION_FAILED', 'cursor is not one this queue gave out', {
    fields: [{ field: 'cursor', message: 'cursor must be a nextCursor of this queue' }],
  });
}
