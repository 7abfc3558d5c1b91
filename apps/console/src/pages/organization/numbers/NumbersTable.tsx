import { Fragment } from 'react';
import { formatNationalNumber } from '@app/domain/phone-number';
import type { Brandname, CallerNumber } from '../../../api/types';
import { EditNumber } from './EditNumber';
import { NumberRow } from './NumberRow';
import { useOrganizationPage } from '../organization-context';
import { TableHead } from '../../../table-head';

const savedText = (saved: CallerNumber) =>
  saved.pendingRevision
    ? `Đã gửi bản sửa số ${formatNationalNumber(saved.number)}; chờ cán bộ khác duyệt, giá trị cũ vẫn áp dụng đến khi được duyệt.`
    : `Đã lưu số ${formatNationalNumber(saved.number)}.`;

/** A page of numbers; one row at a time opens its edit form beneath it. */
export function NumbersTable({
  numbers,
  brandnames,
  editing,
  setEditing,
}: {
  numbers: CallerNumber[];
  brandnames: Brandname[];
  /** The number whose edit form is open, if any. */
  editing: string | null;
  setEditing: (id: string | null) => void;
}) {
  const { onDone } = useOrganizationPage();
  const labels = new Map(brandnames.map((b) => [b.id, b.label]));
  return (
    <table className="table stack-on-phone">
      <TableHead columns={['Số', 'Nhãn', 'Chiều gọi', 'Trạng thái', 'Thao tác']} />
      <tbody>
        {numbers.map((n) => (
          <Fragment key={n.id}>
            <NumberRow
              number={n}
              labels={labels}
              editing={editing === n.id}
              onToggleEdit={() => setEditing(editing === n.id ? null : n.id)}
            />
            {editing === n.id ? (
              <tr className="edit-row">
                <td colSpan={5}>
                  <EditNumber
                    number={n}
                    onCancel={() => setEditing(null)}
                    onSaved={(saved) => {
                      setEditing(null);
                      onDone(savedText(saved));
                    }}
                  />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
