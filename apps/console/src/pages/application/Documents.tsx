import type { Application } from '../../api/types';
import { formatDateTime } from '../../labels';
import { DOCUMENT_KIND_LABEL } from '../../onboarding-text';
import { openDocument } from './use-application';
import { UploadDocument } from './UploadDocument';

/** The application's documents, opened behind the session's token; the applicant or a regulator adds more while it is open. */
export function Documents({
  application: a,
  mayOpen,
  mayAdd,
  onUpload,
}: {
  application: Application;
  /** A regulator or the applicant. */
  mayOpen: boolean;
  mayAdd: boolean;
  onUpload: (form: FormData) => Promise<unknown>;
}) {
  return (
    <>
      <h2>Tài liệu</h2>
      {a.documents.length === 0 ? <p className="empty">Chưa có tài liệu nào.</p> : null}
      <ul>
        {a.documents.map((d) => (
          <li key={d.id}>
            {DOCUMENT_KIND_LABEL[d.kind] ?? d.kind}: {d.filename} ({Math.ceil(d.sizeBytes / 1024)} KB, {formatDateTime(d.uploadedAt)}){' '}
            {mayOpen ? (
              <button type="button" className="btn btn-light" onClick={() => openDocument(a.id, d.id)}>
                Mở
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayAdd && mayOpen ? <UploadDocument onUpload={onUpload} /> : null}
    </>
  );
}
