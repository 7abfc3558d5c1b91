import type { Carrier } from '../../api/types';
import { STATUS_LABEL, formatDateTime } from '../../labels';

/** A carrier and its API keys (prefixes only); a regulator creates keys and revokes them after confirming. */
export function CarrierCard({
  carrier: c,
  canEdit,
  confirmRevoke,
  setConfirmRevoke,
  onCreateKey,
  onRevoke,
}: {
  carrier: Carrier;
  canEdit: boolean;
  /** The key whose revocation waits for confirmation (one at a time on the page). */
  confirmRevoke: string | null;
  setConfirmRevoke: (keyId: string | null) => void;
  onCreateKey: () => void;
  onRevoke: (keyId: string, prefix: string) => void;
}) {
  return (
    <article className="card" aria-labelledby={`c-${c.id}`}>
      <div className="row spread">
        <h2 id={`c-${c.id}`}>
          {c.name} <span className="muted">({c.code})</span>
        </h2>
        <span className={`badge badge-${c.status}`}>{STATUS_LABEL[c.status] ?? c.status}</span>
      </div>
      {c.apiKeys.length === 0 ? <p className="muted">Chưa có khóa API.</p> : null}
      {c.apiKeys.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Tiền tố khóa</th>
              <th scope="col">Ngày tạo</th>
              <th scope="col">Thu hồi lúc</th>
              {canEdit ? <th scope="col">Thao tác</th> : null}
            </tr>
          </thead>
          <tbody>
            {c.apiKeys.map((k) => (
              <tr key={k.id}>
                <td className="mono">{k.prefix}…</td>
                <td>{formatDateTime(k.createdAt)}</td>
                <td>{k.revokedAt ? formatDateTime(k.revokedAt) : 'Còn hiệu lực'}</td>
                {canEdit ? (
                  <td>
                    {k.revokedAt ? null : confirmRevoke === k.id ? (
                      <div className="row">
                        <button type="button" className="btn btn-danger" onClick={() => onRevoke(k.id, k.prefix)}>
                          Xác nhận thu hồi
                        </button>
                        <button type="button" className="btn" onClick={() => setConfirmRevoke(null)}>
                          Hủy
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Thu hồi khóa ${k.prefix} của ${c.code}`}
                        onClick={() => setConfirmRevoke(k.id)}
                      >
                        Thu hồi
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canEdit ? (
        <button type="button" className="btn" onClick={onCreateKey} aria-label={`Tạo khóa API cho ${c.code}`}>
          Tạo khóa API
        </button>
      ) : null}
    </article>
  );
}
