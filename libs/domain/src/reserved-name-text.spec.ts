import { ERROR_TEXT } from './error-text';
import { refusalText, reservedNameText } from './reserved-name-text';

describe('reservedNameText', () => {
  it('names the text, the term, who owns it and who may not use it', () => {
    expect(
      reservedNameText({
        term: 'Cảnh sát',
        spelling: 'Cảnh sát',
        field: 'displayName',
        value: 'Cảnh sát hình sự',
        kinds: ['police'],
        organizationKind: 'bank',
      }),
    ).toBe(
      'Tên hiển thị “Cảnh sát hình sự” có cụm từ “Cảnh sát” dành riêng cho cơ quan nhà nước (Công an); cơ quan loại Ngân hàng không được dùng: chọn tên khác.',
    );
  });

  it('says the spelling found when it is not the term itself, and names the field whatever its path', () => {
    expect(reservedNameText({ term: 'Cảnh sát giao thông', spelling: 'CSGT', field: 'brandname.label' })).toBe(
      'Nhãn có cụm từ “Cảnh sát giao thông” (viết là “CSGT”) dành riêng cho cơ quan nhà nước; loại cơ quan này không được dùng: chọn tên khác.',
    );
    expect(reservedNameText({ term: 'Công an', spelling: 'công an', field: 'callReason' })).toMatch(
      /^Lý do cuộc gọi có cụm từ “Công an” dành/,
    );
    expect(reservedNameText({ term: 'Công an', field: 'brandnames[2].displayNameAscii' })).toMatch(/^Tên không dấu có cụm từ/);
    expect(reservedNameText({ term: 'Công an', field: 'displayNameAscii (derived from displayName)' })).toMatch(/^Tên không dấu /);
    expect(reservedNameText({ term: 'Công an', field: 'organizationName' })).toMatch(/^Tên có cụm từ “Công an”/);
    expect(reservedNameText({ term: 'Tòa án', kinds: ['court', 'judicial'] })).toContain('(Tòa án, Cơ quan tư pháp)');
  });

  it('is the general sentence without a term (an older server, a problem without details)', () => {
    expect(reservedNameText(undefined)).toBe(ERROR_TEXT.RESERVED_NAME);
    expect(reservedNameText({ field: 'label' })).toBe(ERROR_TEXT.RESERVED_NAME);
    expect(reservedNameText({ term: '  ' })).toBe(ERROR_TEXT.RESERVED_NAME);
  });
});

describe('refusalText', () => {
  it('names the term of a RESERVED_NAME, and is the code’s sentence otherwise', () => {
    expect(refusalText('RESERVED_NAME', { term: 'BHXH', field: 'label' })).toMatch(/^Nhãn có cụm từ “BHXH”/);
    expect(refusalText('RESERVED_NAME')).toBe(ERROR_TEXT.RESERVED_NAME);
    expect(refusalText('DUPLICATE_LABEL', { term: 'BHXH' })).toBe(ERROR_TEXT.DUPLICATE_LABEL);
  });
});
