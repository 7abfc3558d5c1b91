import { errorText } from '@app/domain/error-text';

// Cells are quoted and formulas neutralised by the registry's one CSV writer (libs/domain), shared with its exports.
import { toCsv } from '@app/domain/csv';

export { csvCell, toCsv } from '@app/domain/csv';

/** The import report as CSV for the agency admin: line, input, error code, and what it means in Vietnamese. */
export function importReportCsv(rows: readonly { line: number; input: string; error: { code: string; message: string } }[]): string {
  return toCsv([['Dòng', 'Nội dung', 'Mã lỗi', 'Lỗi'], ...rows.map((r) => [r.line, r.input, r.error.code, errorText(r.error.code)])]);
}
