import { useEffect, useRef } from 'react';
import { CONFIRM_TEXT } from './account-text';
import type { PendingAction } from './account-text';

/** Asks before disabling, enabling or resetting an account, saying what will happen. */
export function ConfirmDialog({ pending, onConfirm, onCancel }: { pending: PendingAction; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const text = CONFIRM_TEXT[pending.action];
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">
        {text.title}: {pending.user.username}
      </h2>
      <p>{text.body}</p>
      <div className="row">
        <button type="button" className={pending.action === 'disable' ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm}>
          Xác nhận
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </dialog>
  );
}
