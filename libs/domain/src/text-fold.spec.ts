import { containsPattern, FOLD_FROM, FOLD_TO, foldText } from './text-fold';

describe('foldText', () => {
  it.each([
    ['Bộ Công an', 'bo cong an'],
    ['ĐÀ NẴNG', 'da nang'],
    ['Ngân hàng Nhà nước Việt Nam', 'ngan hang nha nuoc viet nam'],
    ['  Sở   Y tế ', 'so y te'],
    ['Bộ Tư pháp', 'bo tu phap'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('decomposed input folds like precomposed', () => {
    expect(foldText('Bộ Công an'.normalize('NFD'))).toBe('bo cong an');
  });

  it('đ matches d, in either case', () => {
    expect(foldText('đ')).toBe(foldText('D'));
    expect(foldText('Đ')).toBe('d');
  });

  it('the SQL table maps one letter to one letter', () => {
    expect([...FOLD_FROM]).toHaveLength(FOLD_TO.length);
    expect(FOLD_TO).toMatch(/^[a-z]+$/);
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('org_a 100%')).toBe('%org\\_a 100\\%%');
  });
});
