import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { uploadImport } from '../../api/files';
import { importReportCsv, importRowText } from '../../csv';
import { Alert } from '../../ui';
import type { ImportReport } from '../../api/types';
import { TableHead } from '../../table-head';

/** CSV import of numbers: dry run option, upload progress, per-row report downloadable as CSV. */
export function ImportPanel({ orgId, onImported }: { orgId: string; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>();
  const [downloadUrl, setDownloadUrl] = useState<string | null>(null);
  const fileId = useId();
  const dryId = useId();

  useEffect(() => {
    if (!report) return;
    const url = URL.createObjectURL(new Blob(['\ufeff', importReportCsv(report.rows)], { type: 'text/csv;charset=utf-8' }));
    setDownloadUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [report]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setReport(null);
    setProgress(0);
    try {
      const r = await uploadImport(orgId, file, dryRun, setProgress);
      setReport(r);
      if (!r.dryRun) onImported();
    } catch (err) {
      setError(err);
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby="import-title" className="card">
      <h2 id="import-title">Nhập số từ tệp CSV</h2>
      <p className="muted small">
        Dòng tiêu đề: <code>number,label,direction,allowedOrigins,validFrom,validTo</code>. Các dòng hợp lệ được ghi trong một giao dịch.
      </p>
      <form onSubmit={submit} className="row wrap">
        <div className="field">
          <label htmlFor={fileId}>Tệp CSV</label>
          <input id={fileId} type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field checkbox">
          <input id={dryId} type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor={dryId}>Chạy thử (chỉ kiểm tra, không ghi)</label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={!file || (progress !== null && progress < 1 && !report && !error)}>
          {dryRun ? 'Kiểm tra tệp' : 'Nhập số'}
        </button>
      </form>
      {progress !== null ? (
        <div className="progress-row">
          <label htmlFor={`${fileId}-p`}>Tiến độ tải lên</label>
          <progress id={`${fileId}-p`} max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
          <span>{Math.round(progress * 100)}%</span>
        </div>
      ) : null}
      <Alert error={error} />
      {report ? (
        <div className="import-report" data-testid="import-report">
          <p role="status" className={report.rejected ? 'alert alert-warn' : 'alert alert-success'}>
            {report.dryRun ? 'Chạy thử: ' : 'Đã nhập: '}
            {report.total} dòng, {report.accepted} dòng hợp lệ{report.dryRun ? '' : ' đã ghi'}, {report.rejected} dòng bị từ chối.
          </p>
          {report.rows.length > 0 ? (
            <>
              <table className="table">
                <caption>Các dòng bị từ chối</caption>
                <TableHead columns={['Dòng', 'Nội dung', 'Mã lỗi', 'Lỗi']} />
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.line} data-testid="import-row">
                      <td>{r.line}</td>
                      <td className="mono">{r.input}</td>
                      <td className="mono">{r.error.code}</td>
                      <td>{importRowText(r)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {downloadUrl ? (
                <a className="btn" href={downloadUrl} download="bao-cao-nhap-so.csv">
                  Tải báo cáo (CSV)
                </a>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
