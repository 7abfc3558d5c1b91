import { lazy, Suspense, useState } from 'react';
import { Alert } from '../../ui';
import { BrandnamesSection } from './BrandnamesSection';
import { ImportPanel } from './ImportPanel';
import { OrganizationHeader } from './OrganizationHeader';
import { OrganizationPageContext } from './organization-context';
import { NumbersSection } from './numbers/NumbersSection';
import { useOrganization } from './use-organization';

// The chart library is loaded with the tab, not with the console.
const RolloutPanel = lazy(() => import('./RolloutPanel').then((m) => ({ default: m.RolloutPanel })));

export type Tab = 'profile' | 'rollout';

/** One organization: its profile and review actions, its brandnames and numbers, and the rollout tab. */
export function OrganizationPage({ id }: { id: string }) {
  const page = useOrganization(id);
  const [tab, setTab] = useState<Tab>('profile');
  const [editing, setEditing] = useState<string | null>(null);
  const { org, canEdit } = page;

  if (org.error && !org.data) return <Alert error={org.error} />;
  if (!org.data) return <p>Đang tải…</p>;

  return (
    <OrganizationPageContext.Provider value={{ canEdit, editing, setEditing, onDone: page.done, onError: page.failed }}>
      <OrganizationHeader organization={org.data} notice={page.notice} tab={tab} setTab={setTab} />
      {tab === 'rollout' ? (
        <Suspense fallback={<p>Đang tải…</p>}>
          <RolloutPanel orgId={id} />
        </Suspense>
      ) : null}
      {tab === 'profile' ? (
        <>
          <BrandnamesSection orgId={id} brandnames={page.brandnames} />
          <NumbersSection orgId={id} brandnames={page.brandnames.data ?? []} tick={page.numbersTick} />
          {canEdit ? <ImportPanel orgId={id} onImported={page.numbersChanged} /> : null}
        </>
      ) : null}
    </OrganizationPageContext.Provider>
  );
}
