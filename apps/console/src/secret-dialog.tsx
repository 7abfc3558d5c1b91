import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * A secret the registry shows once (an API key, an invitation link, a one-time password), in a modal dialog in the
 * middle of the screen wherever the user clicked, that Escape does not close: it stays until the user confirms
 * they have copied it. Leaving by mistake would lose the secret for good.
 */
export function SecretDialog(props: {
  title: string;
  secret: string;
  confirmLabel: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => e.preventDefault()}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <code className="key" data-testid={props.testId}>
        {props.secret}
      </code>
      {copied === false ? <p role="alert">Không sao chép được; hãy chọn và sao chép bằng tay.</p> : null}
      <div className="row">
        <button type="button" className="btn" onClick={copy}>
          {copied ? 'Đã sao chép' : 'Sao chép'}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            ref.current?.close();
            props.onClose();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
