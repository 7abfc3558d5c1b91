import { Alert } from '../../ui';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { ChainVerification } from './ChainVerification';
import { useAudit } from './use-audit';

/** Nhật ký: the audit log with filters, its CSV export and the check of its hash chain. */
export function AuditPage() {
  const audit = useAudit();
  const { events, loading } = audit;
  return (
    <section aria-labelledby="audit-title">
      <div className="row spread">
        <h1 id="audit-title">Nhật ký</h1>
        <div className="row">
          <button type="button" className="btn" onClick={audit.exportCsv} disabled={audit.exporting}>
            {audit.exporting ? 'Đang xuất…' : 'Xuất CSV (theo bộ lọc)'}
          </button>
          <button type="button" className="btn btn-primary" onClick={audit.verify} disabled={audit.verifying}>
            {audit.verifying ? 'Đang kiểm tra…' : 'Kiểm tra chuỗi'}
          </button>
        </div>
      </div>
      <ChainVerification verification={audit.verification} />
      <AuditFilters onApply={audit.setFilters} />
      <Alert error={audit.error} />
      {!loading && events.length === 0 ? <p className="empty">Không có sự kiện nào.</p> : null}
      {events.length > 0 ? <AuditTable events={events} /> : null}
      {audit.more ? (
        <button type="button" className="btn" disabled={loading} onClick={audit.more}>
          Tải thêm
        </button>
      ) : null}
      {loading ? <p>Đang tải…</p> : null}
    </section>
  );
}
