import { ERROR_CODES } from './errors';
import { ERROR_TEXT, errorText } from './error-text';

describe('Vietnamese error text', () => {
  it.each(ERROR_CODES.map((c) => [c]))('%s has a Vietnamese sentence', (code) => {
    const text = (ERROR_TEXT as Record<string, string | undefined>)[code];
    expect(text).toBeDefined();
    expect(text!.length).toBeGreaterThan(10);
    // Vietnamese with its diacritics, not English and not the code itself.
    expect(text).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    expect(text).not.toContain(code);
    expect(text).not.toMatch(/\b(the|please|error|invalid|failed)\b/i);
  });

  it('has no sentence for a code that does not exist', () => {
    expect(Object.keys(ERROR_TEXT).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('tells a person that the database is down, not that the system failed, and to try again later', () => {
    expect(errorText('DATABASE_UNAVAILABLE')).toBe(
      'Cơ sở dữ liệu tạm thời không phản hồi, thao tác có thể chưa được thực hiện: chờ ít phút, tải lại trang để kiểm tra rồi thử lại; nếu vẫn lỗi, báo cho quản trị.',
    );
    expect(errorText('DATABASE_UNAVAILABLE')).not.toBe(errorText('INTERNAL_ERROR'));
  });

  it('never falls back to English for an unknown or missing code', () => {
    expect(errorText('SOMETHING_NEW')).toMatch(/Máy chủ từ chối/);
    expect(errorText(undefined)).toMatch(/Máy chủ từ chối/);
    expect(errorText('CONFUSABLE_NAME')).toBe(ERROR_TEXT.CONFUSABLE_NAME);
  });
});
