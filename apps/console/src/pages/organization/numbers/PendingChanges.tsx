import type { CallerNumber } from '../../../api/types';
import { narrowingText } from '../../../review-text';
import { NUMBER_FIELD_NAMES, numberValueText } from './number-text';

/** A number's pending revision in a line (live → proposed), and what a narrowing of its origins means meanwhile. */
export function PendingChanges({ number, labels }: { number: CallerNumber; labels: Map<string, string> }) {
  const revision = number.pendingRevision!;
  const show = (field: string, v: unknown) =>
    field === 'brandnameId' ? (typeof v === 'string' ? (labels.get(v) ?? '(tên định danh khác)') : '(trống)') : numberValueText(field, v);
  const narrowing = narrowingText(number.allowedOrigins, revision.changes);
  return (
    <div className="small" data-testid="number-revision">
      <span className="muted">
        Chờ duyệt:{' '}
        {Object.keys(revision.changes)
          .map((f) => `${NUMBER_FIELD_NAMES[f] ?? f}: ${show(f, revision.previous[f])} → ${show(f, revision.changes[f])}`)
          .join('; ')}
      </span>
      {narrowing ? (
        <p className="narrowing" data-testid="narrowing">
          {narrowing}
        </p>
      ) : null}
    </div>
  );
}
