import type { Application } from '../../api/types';
import { formatDateTime } from '../../labels';
import { CHECKLIST_LABEL } from '../../onboarding-text';
import { ReasonAction } from '../../ui';
import { VerdictButton } from '../../verdict';
import type { useApplication } from './use-application';

/**
 * A regulator's part: the checklist, then approve (when the registry's four-eyes verdict allows this person),
 * ask for changes, or reject.
 */
export function RegulatorDecision({
  application: a,
  open,
  steps,
}: {
  application: Application;
  open: boolean;
  steps: ReturnType<typeof useApplication>;
}) {
  const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
  return (
    <>
      <h2>Danh mục thẩm định</h2>
      <ul className="checklist">
        {a.checklist.map((c) => (
          <li key={c.item}>
            <label>
              <input
                type="checkbox"
                checked={c.checked}
                disabled={a.status !== 'submitted'}
                onChange={(e) => quiet(steps.tick(c.item, e.target.checked))}
              />{' '}
              {CHECKLIST_LABEL[c.item] ?? c.item}
            </label>
            {c.at && c.by ? <small className="muted"> ({formatDateTime(c.at)})</small> : null}
          </li>
        ))}
      </ul>
      {a.status === 'submitted' ? (
        <div className="row">
          <VerdictButton verdict={a.fourEyes} label="Phê duyệt hồ sơ" ariaLabel="Phê duyệt hồ sơ" onClick={() => quiet(steps.approve())} />
          <ReasonAction label="Yêu cầu bổ sung" subject={a.organization.code} onSubmit={steps.requestChanges} />
        </div>
      ) : null}
      {open ? <ReasonAction label="Từ chối" danger subject={a.organization.code} onSubmit={steps.reject} /> : null}
    </>
  );
}
