/**
 * The 34 provinces and centrally-run cities after Resolution 202/2025/QH15 (12 June 2025, Art. 1; in force the same
 * day), with the abbreviations people write. Not protected names by themselves (banks and shops have branches named
 * after them): the seed combines them with a state marker ("CA Hà Nội"), and the matcher reads them as the
 * jurisdiction glued to a protected name ("CONGANHANOI", "CSGTHCM").
 */
export const PROVINCES_2025: ReadonlyArray<{ name: string; kind: 'city' | 'province'; abbreviations: readonly string[] }> = [
  { name: 'Hà Nội', kind: 'city', abbreviations: ['HN'] },
  { name: 'Hồ Chí Minh', kind: 'city', abbreviations: ['HCM', 'TPHCM', 'SG', 'Sài Gòn'] },
  { name: 'Hải Phòng', kind: 'city', abbreviations: ['HP'] },
  { name: 'Đà Nẵng', kind: 'city', abbreviations: ['ĐN'] },
  { name: 'Huế', kind: 'city', abbreviations: [] },
  { name: 'Cần Thơ', kind: 'city', abbreviations: [] },
  { name: 'Lai Châu', kind: 'province', abbreviations: [] },
  { name: 'Điện Biên', kind: 'province', abbreviations: [] },
  { name: 'Sơn La', kind: 'province', abbreviations: [] },
  { name: 'Lạng Sơn', kind: 'province', abbreviations: [] },
  { name: 'Quảng Ninh', kind: 'province', abbreviations: [] },
  { name: 'Thanh Hóa', kind: 'province', abbreviations: [] },
  { name: 'Nghệ An', kind: 'province', abbreviations: [] },
  { name: 'Hà Tĩnh', kind: 'province', abbreviations: [] },
  { name: 'Cao Bằng', kind: 'province', abbreviations: [] },
  { name: 'Tuyên Quang', kind: 'province', abbreviations: [] },
  { name: 'Lào Cai', kind: 'province', abbreviations: [] },
  { name: 'Thái Nguyên', kind: 'province', abbreviations: [] },
  { name: 'Phú Thọ', kind: 'province', abbreviations: [] },
  { name: 'Bắc Ninh', kind: 'province', abbreviations: [] },
  { name: 'Hưng Yên', kind: 'province', abbreviations: [] },
  { name: 'Ninh Bình', kind: 'province', abbreviations: [] },
  { name: 'Quảng Trị', kind: 'province', abbreviations: [] },
  { name: 'Quảng Ngãi', kind: 'province', abbreviations: [] },
  { name: 'Gia Lai', kind: 'province', abbreviations: [] },
  { name: 'Khánh Hòa', kind: 'province', abbreviations: [] },
  { name: 'Lâm Đồng', kind: 'province', abbreviations: [] },
  { name: 'Đắk Lắk', kind: 'province', abbreviations: [] },
  { name: 'Đồng Nai', kind: 'province', abbreviations: [] },
  { name: 'Tây Ninh', kind: 'province', abbreviations: [] },
  { name: 'Vĩnh Long', kind: 'province', abbreviations: [] },
  { name: 'Đồng Tháp', kind: 'province', abbreviations: [] },
  { name: 'Cà Mau', kind: 'province', abbreviations: [] },
  { name: 'An Giang', kind: 'province', abbreviations: [] },
];

/**
 * Words that name a jurisdiction or a level of the state (two levels since the Law on Organisation of Local
 * Government 2025, 72/2025/QH15: province and commune; "đặc khu" for the special zones; courts and procuracies by
 * "khu vực" since 1 July 2025), and the country. Besides the provinces and their abbreviations.
 */
export const JURISDICTION_WORDS: readonly string[] = [
  'TP',
  'Thành phố',
  'Tỉnh',
  'Xã',
  'Phường',
  'Đặc khu',
  'Quận',
  'Huyện',
  'Khu vực',
  'Tối cao',
  'Trung ương',
  'TW',
  'VN',
  'Việt',
  'Việt Nam',
];
