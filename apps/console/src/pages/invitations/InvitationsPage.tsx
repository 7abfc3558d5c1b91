import { Alert } from '../../ui';
import { CreateInvitation } from './CreateInvitation';
import { InvitationsTable } from './InvitationsTable';
import { TokenDialog } from './TokenDialog';
import { useInvitations } from './use-invitations';

/** Regulators invite an organization to apply; the token is shown once, in a dialog that waits for the user. */
export function InvitationsPage() {
  const { invitations, notice, created, setCreated, revoke, createdOne } = useInvitations();
  return (
    <section aria-labelledby="inv-title">
      <h1 id="inv-title">Lời mời tham gia</h1>
      <Alert error={notice.error ?? invitations.error} success={notice.success} />
      {created ? <TokenDialog created={created} onClose={() => setCreated(null)} /> : null}
      {invitations.data && invitations.data.length === 0 ? <p className="empty">Chưa có lời mời nào.</p> : null}
      {invitations.data && invitations.data.length > 0 ? <InvitationsTable invitations={invitations.data} onRevoke={revoke} /> : null}
      <CreateInvitation onCreated={createdOne} onError={notice.setError} />
    </section>
  );
}
