/** A table's column headings; `hiddenLast` names a last column for screen readers only (its actions). */
export function TableHead({ columns, hiddenLast }: { columns: string[]; hiddenLast?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        {hiddenLast ? (
          <th scope="col">
            <span className="visually-hidden">{hiddenLast}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
