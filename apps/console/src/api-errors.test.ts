import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '@app/domain/error-text';
import { ApiError, errorText } from './api/errors';

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
        { field: 'brandname', code: 'RESERVED_NAME', message: 'x', details: { term: 'Công an', field: 'callReason' } },
        { field: 'numbers[0].number', code: 'INVALID_NUMBER', message: 'y' },
      ],
    });
    const text = errorText(err);
    expect(text).toContain('Lý do cuộc gọi có cụm từ “Công an” dành riêng cho cơ quan nhà nước');
    expect(text).toContain(`Số thứ 1: ${ERROR_TEXT.INVALID_NUMBER}`);
  });

  it('is the general sentence when the registry does not say which term (an older server)', () => {
    expect(errorText(refusal({ code: 'RESERVED_NAME' }))).toBe(ERROR_TEXT.RESERVED_NAME);
  });
});
