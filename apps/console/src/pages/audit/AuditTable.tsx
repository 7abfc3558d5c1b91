import { auditActionText, auditChangeText } from '@app/domain/audit-text';
import { formatNationalNumber } from '@app/domain/phone-number';
import type { AuditEvent } from '../../api/types';
import { ENTITY_LABEL, ROLE_LABEL, formatDateTime } from '../../labels';
import { useUserName } from '../../session-context';
import { TableHead } from '../../table-head';

/** The events: when, who (as recorded), what in words, on which item, and the change in words with the raw data. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const userName = useUserName();
  return (
    <table className="table audit stack-on-phone">
      <TableHead columns={['#', 'Thời điểm', 'Người thực hiện', 'Hành động', 'Đối tượng', 'Thay đổi']} />
      <tbody>
        {events.map((e) => {
          const change = auditChangeText(e.before, e.after);
          return (
            <tr key={e.seq} data-testid="audit-row">
              <td data-label="#">{e.seq}</td>
              <td data-label="Thời điểm">{formatDateTime(e.occurredAt)}</td>
              <td data-label="Người thực hiện">
                {e.actorName ?? userName(e.actorId)}
                {e.actorRole ? <div className="muted small">{ROLE_LABEL[e.actorRole] ?? e.actorRole}</div> : null}
              </td>
              <td data-label="Hành động" title={e.action}>
                {auditActionText(e.action)}
              </td>
              <td data-label="Đối tượng">
                {ENTITY_LABEL[e.entityType] ?? e.entityType}
                {e.entityName ? (
                  <div className="small">{e.entityType === 'number' ? formatNationalNumber(e.entityName) : e.entityName}</div>
                ) : null}
                {!e.entityName && e.entityId ? <div className="muted small mono">{e.entityId.slice(0, 8)}…</div> : null}
              </td>
              <td data-label="Thay đổi">
                {change ? <div className="small">{change}</div> : <span className="muted small">—</span>}
                <details>
                  <summary className="small">Dữ liệu gốc</summary>
                  <div className="diff">
                    <div>
                      <div className="small muted">Trước</div>
                      <pre>{e.before ? JSON.stringify(e.before, null, 2) : '—'}</pre>
                    </div>
                    <div>
                      <div className="small muted">Sau</div>
                      <pre>{e.after ? JSON.stringify(e.after, null, 2) : '—'}</pre>
                    </div>
                  </div>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
