/** CSV for files people open in spreadsheets: quoting, and no formula injection. */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a leading = + - @ (or tab/CR) is neutralised with a quote; quotes, commas and newlines are quoted. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
