import { useSession } from '../../session-context';
import { SecretDialog } from '../../secret-dialog';
import { Alert } from '../../ui';
import { CarrierCard } from './CarrierCard';
import { CreateCarrier } from './CreateCarrier';
import { useCarriers } from './use-carriers';

/** Nhà mạng: the carriers and their lookup API keys; regulators add carriers and create or revoke keys. */
export function CarriersPage() {
  const { me } = useSession();
  const canEdit = me.role === 'regulator';
  const page = useCarriers();
  const { carriers, notice, created } = page;

  return (
    <section aria-labelledby="carriers-title">
      <h1 id="carriers-title">Nhà mạng</h1>
      <Alert error={notice.error ?? carriers.error} success={notice.success} />
      {created ? (
        <SecretDialog
          title={`Khóa API mới của ${created.carrier}`}
          secret={created.key}
          testId="new-key"
          confirmLabel="Tôi đã sao chép khóa"
          onClose={() => page.setCreated(null)}
        >
          <p>
            <strong>Khóa chỉ hiển thị một lần này.</strong> Hãy sao chép và chuyển an toàn cho nhà mạng; sau khi đóng, không ai xem lại được
            khóa.
          </p>
        </SecretDialog>
      ) : null}
      {(carriers.data ?? []).map((c) => (
        <CarrierCard
          key={c.id}
          carrier={c}
          canEdit={canEdit}
          confirmRevoke={page.confirmRevoke}
          setConfirmRevoke={page.setConfirmRevoke}
          onCreateKey={() => page.createKey(c)}
          onRevoke={(keyId, prefix) => page.revokeKey(c, keyId, prefix)}
        />
      ))}
      {canEdit ? <CreateCarrier onCreated={(code) => page.run(async () => `Đã thêm nhà mạng ${code}.`)} onError={notice.setError} /> : null}
    </section>
  );
}
