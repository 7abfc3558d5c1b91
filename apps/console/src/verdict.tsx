import { useId } from 'react';
import type { ReactNode } from 'react';
import { fourEyesText } from '@app/domain/four-eyes-text';
import type { FourEyes } from './api/types';

/**
 * A button that takes a reviewing step, enabled only when the registry's verdict for the signed-in person allows
 * it; when not, it is disabled and the reason (in Vietnamese) stands right beside it, tied to it by
 * aria-describedby. The console never decides four eyes itself: the verdict comes with every GET.
 */
export function VerdictButton({
  verdict,
  label,
  ariaLabel,
  onClick,
  busy = false,
  className = 'btn btn-primary',
  noticeId,
}: {
  verdict: FourEyes | null | undefined;
  label: ReactNode;
  ariaLabel: string;
  onClick: () => void;
  busy?: boolean;
  className?: string;
  /** The reason's element id, when something else (a checkbox) points at it too. */
  noticeId?: string;
}) {
  const generated = useId();
  const id = noticeId ?? generated;
  const why = fourEyesText(verdict);
  return (
    <span className="verdict">
      <button
        type="button"
        className={className}
        disabled={why !== null || busy}
        aria-label={ariaLabel}
        aria-describedby={why ? id : undefined}
        onClick={onClick}
      >
        {label}
      </button>
      {why ? (
        <span className="four-eyes" id={id} data-testid="four-eyes">
          {why}
        </span>
      ) : null}
    </span>
  );
}
