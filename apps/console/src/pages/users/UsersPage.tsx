import { Alert } from '../../ui';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateUser } from './CreateUser';
import { OneTimeSecretDialog } from './OneTimeSecretDialog';
import { UsersTable } from './UsersTable';
import { useUsers } from './use-users';

/** Người dùng: regulators manage every account; an agency admin the agency admins of its own organization. */
export function UsersPage() {
  const page = useUsers();
  const { users, factors, orgs, notice, oneTime, pending } = page;
  const factorOf = (id: string) => factors.data?.find((f) => f.userId === id);
  const orgName = (id: string | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? '—') : '—');

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Người dùng</h1>
      <Alert error={notice.error ?? users.error ?? factors.error} success={notice.success} />
      {oneTime ? <OneTimeSecretDialog oneTime={oneTime} onClose={() => page.setOneTime(null)} /> : null}
      {pending ? <ConfirmDialog pending={pending} onConfirm={() => page.run(pending)} onCancel={() => page.setPending(null)} /> : null}
      {users.data ? (
        <UsersTable
          users={users.data}
          orgName={orgName}
          factorOf={factorOf}
          decide={page.decide}
          decideSecondFactor={page.decideSecondFactor}
          ask={page.setPending}
        />
      ) : null}
      <CreateUser orgs={orgs.data ?? []} onCreated={page.created} onError={notice.setError} />
    </section>
  );
}
