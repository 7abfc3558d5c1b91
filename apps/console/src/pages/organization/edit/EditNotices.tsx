import { auditChangeText } from '@app/domain/audit-text';
import { TableHead } from '../../../table-head';

/** The values someone else saved, in words, above the form that now starts from them. */
export function ConflictNotice({ conflict }: { conflict: { before: Record<string, unknown>; fresh: Record<string, unknown> } | null }) {
  if (!conflict) return null;
  const words = auditChangeText(conflict.before, conflict.fresh);
  return (
    <div className="alert alert-warn" data-testid="conflict">
      <strong>Người khác vừa lưu mục này trước bạn.</strong> Biểu mẫu đã được nạp lại với giá trị mới nhất
      {words ? <>: {words}</> : null}. Kiểm tra rồi sửa lại nếu vẫn cần.
    </div>
  );
}

/** A live item's approved values beside its pending revision: what answers now, what would after approval. */
export function RevisionCompare(props: {
  revision: { changes: Record<string, unknown>; previous: Record<string, unknown> } | null;
  fieldNames: Record<string, string>;
  show: (field: string, value: unknown) => string;
}) {
  if (!props.revision) return null;
  const fields = Object.keys(props.revision.changes);
  return (
    <table className="table revision" data-testid="revision-compare">
      <caption>Bản sửa chờ duyệt (giá trị đang áp dụng giữ nguyên đến khi được duyệt)</caption>
      <TableHead columns={['Trường', 'Đang áp dụng', 'Chờ duyệt']} />
      <tbody>
        {fields.map((f) => (
          <tr key={f}>
            <th scope="row">{props.fieldNames[f] ?? f}</th>
            <td>{props.show(f, props.revision!.previous[f])}</td>
            <td>{props.show(f, props.revision!.changes[f])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A field's value as the revision tables show it: empty as "(trống)". */
export const plainValue = (_field: string, v: unknown) => (v === null || v === undefined || v === '' ? '(trống)' : String(v));
