import type { ReactNode } from 'react';
import { useOrganizationPage } from '../organization-context';

/**
 * An item's edit form when it is the one open on the page, else the button that opens it. The form gets `close`
 * (cancel) and `saved(message)` (close, and say what the save did).
 */
export function EditToggle({
  id,
  button,
  children,
}: {
  id: string;
  button: string;
  children: (close: () => void, saved: (message: string) => void) => ReactNode;
}) {
  const { editing, setEditing, onDone } = useOrganizationPage();
  if (editing !== id) {
    return (
      <button type="button" className="btn" onClick={() => setEditing(id)}>
        {button}
      </button>
    );
  }
  const close = () => setEditing(null);
  return children(close, (message) => {
    close();
    onDone(message);
  });
}
