import { refusalText } from '@app/domain/reserved-name-text';
import type { ReservedNameDetails } from '@app/domain/reserved-name-text';

// Cells are quoted and formulas neutralised by the registry's one CSV writer (libs/domain), shared with its exports.
import { toCsv } from '@app/domain/csv';

export { csvCell, toCsv } from '@app/domain/csv';

/** The import report as CSV for the agency admin: line, input, error code, and what it means in Vietnamese. */
export function importReportCsv(rows: readonly ImportRow[]): string {
  return toCsv([['Dòng', 'Nội dung', 'Mã lỗi', 'Lỗi'], ...rows.map((r) => [r.line, r.input, r.error.code, importRowText(r)])]);
}

/** A refused import row as the report reads it (a RESERVED_NAME may say which protected term). */
export interface ImportRow {
  line: number;
  input: string;
  error: { code: string; message: string; details?: ReservedNameDetails };
}

/** What was wrong with a refused row, in Vietnamese: the same words on the page and in the downloaded report. */
export function importRowText(r: ImportRow): string {
  return refusalText(r.error.code, r.error.details);
}
