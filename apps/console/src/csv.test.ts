import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '@app/domain/error-text';
import { csvCell, importReportCsv, toCsv } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+84914000001', `'+84914000001`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tTAB', `'\tTAB`],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and newlines, and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Bộ TT&TT')).toBe('Bộ TT&TT');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
  });
});

describe('importReportCsv', () => {
  it('writes a Vietnamese header and one escaped line per rejected row, in Vietnamese', () => {
    const csv = importReportCsv([
      {
        line: 3,
        input: '=cmd|x,BO TTTT,,,,',
        error: { code: 'INVALID_NUMBER', message: '"=cmd|x" is not a valid Vietnamese phone number' },
      },
    ]);
    expect(csv).toBe('Dòng,Nội dung,Mã lỗi,Lỗi\r\n' + `3,"'=cmd|x,BO TTTT,,,,",INVALID_NUMBER,${ERROR_TEXT.INVALID_NUMBER}\r\n`);
  });

  it('names the protected term of a RESERVED_NAME row, in the report as on the page', () => {
    const csv = importReportCsv([
      {
        line: 2,
        input: '+842439437142,CSGT',
        error: { code: 'RESERVED_NAME', message: 'x', details: { term: 'Cảnh sát giao thông', spelling: 'CSGT', field: 'label' } },
      },
    ]);
    expect(csv).toContain('Nhãn có cụm từ “Cảnh sát giao thông” (viết là “CSGT”) dành riêng cho cơ quan nhà nước');
  });

  it('toCsv joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a,b\r\nc,d\r\n');
  });
});
