import type { Brandname } from '../../api/types';
import type { Loaded } from '../../data';
import { Alert } from '../../ui';
import { AddBrandname } from './AddBrandname';
import { BrandnameCard } from './BrandnameCard';
import { useOrganizationPage } from './organization-context';

/** The organization's brandnames, each as a card with its handset preview, and the form to add one. */
export function BrandnamesSection({ orgId, brandnames }: { orgId: string; brandnames: Loaded<Brandname[]> }) {
  const { canEdit } = useOrganizationPage();
  return (
    <section aria-labelledby="bn-title">
      <h2 id="bn-title">Tên định danh</h2>
      {brandnames.error ? <Alert error={brandnames.error} /> : null}
      {brandnames.data && brandnames.data.length === 0 ? <p className="empty">Chưa có tên định danh.</p> : null}
      <ul className="brandnames">
        {(brandnames.data ?? []).map((b) => (
          <BrandnameCard key={b.id} brandname={b} />
        ))}
      </ul>
      {canEdit ? <AddBrandname orgId={orgId} /> : null}
    </section>
  );
}
