import { useId, useState } from 'react';
import type { FormEvent, MouseEvent, ReactNode } from 'react';
import { errorText } from './api/errors';
import { navigate, BASE } from './router';
import { STATUS_LABEL } from './labels';

/** An in-app link: a real href (opens in a new tab, keyboard friendly), routed without reload. */
export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={BASE + to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status] ?? status}</span>;
}

/** Messages announced to screen readers: errors assertively, successes politely. */
export function Alert({ error, success }: { error?: unknown; success?: string | null }) {
  return (
    <>
      <div role="alert" className={error ? 'alert alert-error' : 'visually-hidden'}>
        {error ? errorText(error) : ''}
      </div>
      <div role="status" className={success ? 'alert alert-success' : 'visually-hidden'}>
        {success ?? ''}
      </div>
    </>
  );
}

/** A button that opens an inline form asking for a required reason, then calls `onSubmit(reason)`. */
export function ReasonAction({
  label,
  confirmLabel,
  onSubmit,
  danger,
  subject,
  hint,
}: {
  label: string;
  confirmLabel?: string;
  onSubmit: (reason: string) => Promise<void>;
  danger?: boolean;
  subject: string;
  /** What happens next, under the reason (e.g. a request that waits for a second person). */
  hint?: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (!open) {
    return (
      <button type="button" className={danger ? 'btn btn-danger' : 'btn'} onClick={() => setOpen(true)} aria-label={`${label}: ${subject}`}>
        {label}
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    try {
      await onSubmit(reason.trim());
      setOpen(false);
      setReason('');
    } catch {
      // the caller shows the API's error; the form stays open to retry
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="reason-form" onSubmit={submit}>
      <label htmlFor={id}>
        Lý do {label.toLowerCase()} <span className="muted">({subject})</span>
      </label>
      <textarea
        id={id}
        required
        autoFocus
        rows={2}
        maxLength={1000}
        value={reason}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {hint ? (
        <small className="muted" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
      <div className="row">
        <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy || !reason.trim()}>
          {confirmLabel ?? `Xác nhận ${label.toLowerCase()}`}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? (
        <small className="muted" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** A labelled select over a code → Vietnamese label map, with an optional first "any" option. */
export function SelectField({
  label,
  value,
  options,
  onChange,
  anyLabel,
}: {
  label: string;
  value: string;
  options: Record<string, string>;
  onChange: (value: string) => void;
  anyLabel?: string;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
          {Object.entries(options).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
