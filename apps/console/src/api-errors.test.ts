import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '@app/domain/error-text';
import { ApiError, errorText, problemText } from './api/errors';
import type { FieldProblem } from './api/types';

const refusal = (body: object, status = 422) =>
  ApiError.of(status, 'Unprocessable Entity', { statusCode: status, message: 'x', requestId: 'r', ...body });

describe('a RESERVED_NAME refusal in the console', () => {
  it('names the field and the protected term the registry found, in one Vietnamese sentence', () => {
    const err = refusal({
      code: 'RESERVED_NAME',
      details: { term: 'Cảnh sát', spelling: 'Cảnh sát', field: 'displayName' },
      fields: [{ field: 'displayName', message: 'claims the protected state name "Cảnh sát"' }],
    });
    expect(errorText(err)).toBe(
      'Tên hiển thị có cụm từ “Cảnh sát” dành riêng cho cơ quan nhà nước; loại cơ quan này không được dùng: chọn tên khác.',
    );
  });

  it('says who owns the term and the organization’s kind when the registry sends them', () => {
    const err = refusal({
      code: 'RESERVED_NAME',
      details: { term: 'Bảo hiểm xã hội', spelling: 'BHXH', field: 'label', kinds: ['social_insurance'], organizationKind: 'bank' },
    });
    expect(errorText(err)).toBe(
      'Nhãn có cụm từ “Bảo hiểm xã hội” (viết là “BHXH”) dành riêng cho cơ quan nhà nước (Bảo hiểm xã hội); cơ quan loại Ngân hàng không được dùng: chọn tên khác.',
    );
  });

  it('names the term of each field problem of an application refused for several reasons', () => {
    const err = refusal({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'brandname.callReason', code: 'RESERVED_NAME', message: 'x', details: { term: 'Công an', field: 'brandname.callReason' } },
        { field: 'numbers[0].number', code: 'INVALID_NUMBER', message: 'y' },
      ],
    });
    const text = errorText(err);
    expect(text).toContain('Lý do cuộc gọi: Tên có cụm từ “Công an” dành riêng cho cơ quan nhà nước; loại cơ quan này không được dùng');
    expect(text).toContain(`Số thứ 1: ${ERROR_TEXT.INVALID_NUMBER}`);
  });

  it('quotes the text that claims the term when the form knows it (the application form)', () => {
    const problem: FieldProblem = {
      field: 'brandname.displayName',
      code: 'RESERVED_NAME',
      message: 'x',
      details: { term: 'Cảnh sát', kinds: ['police'], organizationKind: 'bank' },
    };
    expect(problemText(problem, 'Cảnh sát hình sự')).toBe(
      'Tên “Cảnh sát hình sự” có cụm từ “Cảnh sát” dành riêng cho cơ quan nhà nước (Công an); cơ quan loại Ngân hàng không được dùng: chọn tên khác.',
    );
    expect(problemText({ field: 'numbers[0].number', code: 'INVALID_NUMBER', message: 'x' })).toBe(ERROR_TEXT.INVALID_NUMBER);
  });

  it('is the general sentence when the registry does not say which term (an older server)', () => {
    expect(errorText(refusal({ code: 'RESERVED_NAME' }))).toBe(ERROR_TEXT.RESERVED_NAME);
  });
});
