import type { OrganizationKind } from '../lifecycle';
import type { ProtectedName } from './protected-name-list';
import { PROVINCES_2025 } from './provinces-2025';

/**
 * The protected-name list as first installed (migration 1796280000000-ProtectedNames inserts it once; every later
 * change is a reviewed proposal). The state as it is after the 2025 reorganizations; each entry cites its source.
 *
 * What a word alone may claim (the matcher finds every spelling as whole words, see protected-name-list.ts):
 * - "Công an", "Cảnh sát", "Tòa án", "Viện kiểm sát", "Quốc hội", "Chính phủ", "Hải quan" and the abbreviations
 *   (CSGT, TAND, VKSND, UBND, BHXH, NHNN...) claim their body alone: no business says them of itself.
 * - "CA" only with a jurisdiction ("CA TP", "CA phường", "CA Hà Nội"): "ca" is a word ("ca" = shift, "cá" = fish,
 *   and "Cà phê" folds to "ca phe"). "CS" only in a unit's abbreviation (CSGT, CSĐT): CS is customer service (CSKH).
 *   "TA" never: "ta", "tá", "tạ" are words.
 * - "Thuế" only as a tax office ("Cục Thuế", "Thuế TP", "Cơ quan thuế"): "thuê" (rent: "thuê bao", a telco's
 *   subscriber) folds to the same letters, and "Tư vấn Thuế", "Đại lý thuế" are licensed private businesses.
 * - "An ninh" only as a security body ("Cục An ninh mạng", "An ninh điều tra"): "An ninh mạng" alone is a trade
 *   (Viettel Cyber Security, Bkav), and An Ninh is a place name.
 * - "Bộ" only with a ministry's name ("Bộ Y tế", "BO TC"): "Bộ phận CSKH" (a department) and "Bộ sưu tập" are not.
 * - "Bộ TC"'s bare abbreviation BTC is not listed (Bitcoin; "Ban tổ chức", an organizing committee), nor "Bộ NG"
 *   ("BO NG" is "Bông", as in the Bông Sen hotels), nor BHYT (hospitals write it for health-insurance patients),
 *   nor PCCC alone (fire-equipment shops), nor Cxx police codes but C06 ("C02" folds to "CO2").
 * - The provinces alone are not protected (bank branches are named after them): only after CA or as the
 *   jurisdiction glued to a protected name.
 * - Known collision kept on purpose: "Hải quan" folds like "Hải Quân" (the navy; also a given name).
 *
 * Former ministries' names (merged by Resolution 176/2025/QH15) stay as spellings of their successor: scams still
 * use "Bộ TT&TT" and "Bộ GTVT".
 */
export interface ProtectedNameSeed {
  term: string;
  spellings: string[];
  kinds: OrganizationKind[];
  source: string;
}

const GOVERNMENT_STRUCTURE = 'Nghị quyết 176/2025/QH15 về cơ cấu tổ chức của Chính phủ nhiệm kỳ Quốc hội khóa XV (18/02/2025), Điều 1';
const POLICE_DECREE = 'Nghị định 02/2025/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công an';
const POLICE_LAW = 'Luật Công an nhân dân 2018 (37/2018/QH14, sửa đổi 30/2023/QH15), Điều 16–18';
const COURTS_LAW = 'Luật Tổ chức Tòa án nhân dân 2024 (34/2024/QH15), Điều 4, sửa đổi bởi Luật 81/2025/QH15 (TAND khu vực từ 01/7/2025)';
const PROCURACY_LAW =
  'Luật Tổ chức Viện kiểm sát nhân dân 2014 (63/2014/QH13), Điều 40, sửa đổi bởi Luật 82/2025/QH15 (VKSND khu vực từ 01/7/2025)';
const LOCAL_GOVERNMENT_LAW = 'Luật Tổ chức chính quyền địa phương 2025 (72/2025/QH15), Điều 2–4 (hai cấp: tỉnh và xã)';
const FINANCE_DECREE = 'Nghị định 29/2025/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính, Điều 3';

const COURT: OrganizationKind[] = ['court', 'judicial'];
const PROCURACY: OrganizationKind[] = ['procuracy', 'judicial'];
const LOCAL: OrganizationKind[] = ['provincial', 'commune'];

/** "CA" is a claim only with a jurisdiction after it. */
const POLICE_BY_JURISDICTION = [
  'CA TP',
  'CA thành phố',
  'CA tỉnh',
  'CA phường',
  'CA xã',
  'CA đặc khu',
  'CA quận',
  'CA huyện',
  'CA khu vực',
  // Not "CA Huế": "ca Huế" is Huế's traditional singing, a phrase in its own right.
  ...PROVINCES_2025.filter((p) => p.name !== 'Huế').flatMap((p) => [p.name, ...p.abbreviations].map((place) => `CA ${place}`)),
];

/** Police units of a province, by the codes they sign with (PC: police, PA: security), in common use. */
const PROVINCIAL_POLICE_CODES = [
  ...Array.from({ length: 11 }, (_, i) => `PC${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 9 }, (_, i) => `PA${String(i + 1).padStart(2, '0')}`).filter((code) => code !== 'PA05'),
];

export const PROTECTED_NAMES_SEED_2025: readonly ProtectedNameSeed[] = [
  // ---- Government, National Assembly --------------------------------------------------------------------------
  {
    term: 'Chính phủ',
    spellings: [],
    kinds: ['government'],
    source: 'Hiến pháp 2013, Điều 94; Luật Tổ chức Chính phủ 2025 (63/2025/QH15), Điều 1',
  },
  {
    term: 'Thủ tướng',
    spellings: ['Thủ tướng Chính phủ', 'TTg'],
    kinds: ['government'],
    source: 'Hiến pháp 2013, Điều 95, 98; Luật Tổ chức Chính phủ 2025 (63/2025/QH15), Điều 4',
  },
  { term: 'Văn phòng Chính phủ', spellings: ['VPCP'], kinds: ['government'], source: GOVERNMENT_STRUCTURE },
  { term: 'Thanh tra Chính phủ', spellings: ['TTCP'], kinds: ['government', 'ministry'], source: GOVERNMENT_STRUCTURE },
  {
    term: 'Cổng Dịch vụ công quốc gia',
    spellings: ['Dịch vụ công quốc gia', 'DVCQG'],
    kinds: ['government'],
    source: 'Nghị định 42/2022/NĐ-CP (cung cấp dịch vụ công trực tuyến), Điều 4; https://dichvucong.gov.vn (Văn phòng Chính phủ)',
  },
  {
    term: 'Quốc hội',
    spellings: ['Đại biểu Quốc hội', 'ĐBQH', 'Văn phòng Quốc hội', 'VPQH'],
    kinds: ['national_assembly'],
    source: 'Hiến pháp 2013, Điều 69; Luật Tổ chức Quốc hội 2014 (57/2014/QH13, sửa đổi 2025)',
  },
  // ---- Ministries (14) and the ministry-level bodies (NHNN below; Thanh tra, Văn phòng Chính phủ above) ---------
  { term: 'Bộ Quốc phòng', spellings: ['BQP', 'Bộ QP'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  { term: 'Bộ Công an', spellings: ['BCA', 'Bộ CA'], kinds: ['ministry', 'police'], source: `${GOVERNMENT_STRUCTURE}; ${POLICE_DECREE}` },
  { term: 'Bộ Ngoại giao', spellings: ['BNG'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  {
    term: 'Bộ Nội vụ',
    spellings: ['BNV', 'Bộ NV', 'Bộ Lao động - Thương binh và Xã hội', 'Bộ LĐTBXH'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (nhận Bộ Lao động - Thương binh và Xã hội)`,
  },
  { term: 'Bộ Tư pháp', spellings: ['BTP', 'Bộ TP'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  {
    term: 'Bộ Tài chính',
    spellings: ['Bộ TC', 'Bộ Kế hoạch và Đầu tư', 'Bộ KHĐT'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (hợp nhất Bộ Kế hoạch và Đầu tư)`,
  },
  { term: 'Bộ Công Thương', spellings: ['BCT', 'Bộ CT'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  {
    term: 'Bộ Nông nghiệp và Môi trường',
    spellings: ['BNNMT', 'Bộ NN&MT', 'Bộ Tài nguyên và Môi trường', 'Bộ TN&MT', 'Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ NN&PTNT'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (hợp nhất Bộ Tài nguyên và Môi trường, Bộ Nông nghiệp và Phát triển nông thôn)`,
  },
  {
    term: 'Bộ Xây dựng',
    spellings: ['BXD', 'Bộ XD', 'Bộ Giao thông vận tải', 'Bộ GTVT'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (hợp nhất Bộ Giao thông vận tải)`,
  },
  {
    term: 'Bộ Văn hóa, Thể thao và Du lịch',
    spellings: ['BVHTTDL', 'Bộ VHTTDL'],
    kinds: ['ministry'],
    source: GOVERNMENT_STRUCTURE,
  },
  {
    term: 'Bộ Khoa học và Công nghệ',
    spellings: ['BKHCN', 'Bộ KHCN', 'Bộ Thông tin và Truyền thông', 'Bộ TT&TT', 'BTTTT'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (hợp nhất Bộ Thông tin và Truyền thông)`,
  },
  { term: 'Bộ Giáo dục và Đào tạo', spellings: ['BGDĐT', 'Bộ GDĐT'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  { term: 'Bộ Y tế', spellings: ['BYT', 'Bộ YT'], kinds: ['ministry'], source: GOVERNMENT_STRUCTURE },
  {
    term: 'Bộ Dân tộc và Tôn giáo',
    spellings: ['BDTTG', 'Bộ DTTG', 'Ủy ban Dân tộc', 'UBDT'],
    kinds: ['ministry'],
    source: `${GOVERNMENT_STRUCTURE} (trên cơ sở Ủy ban Dân tộc)`,
  },
  {
    term: 'Ngân hàng Nhà nước',
    spellings: ['Ngân hàng Nhà nước Việt Nam', 'NHNN', 'NH Nhà nước', 'State Bank of Vietnam'],
    kinds: ['central_bank'],
    source: `${GOVERNMENT_STRUCTURE}; Luật Ngân hàng Nhà nước Việt Nam 2010 (46/2010/QH12), Điều 2`,
  },
  // ---- Police (Bộ Công an's units) ------------------------------------------------------------------------------
  {
    term: 'Công an',
    spellings: ['Công an nhân dân', 'CAND', ...POLICE_BY_JURISDICTION],
    kinds: ['police'],
    source: `${POLICE_LAW}; ${LOCAL_GOVERNMENT_LAW} (công an cấp tỉnh, cấp xã); Nghị quyết 202/2025/QH15 (34 tỉnh, thành phố)`,
  },
  { term: 'Cảnh sát', spellings: [], kinds: ['police'], source: `${POLICE_LAW}, Điều 17` },
  { term: 'Cảnh sát giao thông', spellings: ['CSGT', 'Cục CSGT'], kinds: ['police'], source: POLICE_DECREE },
  {
    term: 'Cảnh sát điều tra',
    spellings: ['CSĐT', 'Cơ quan CSĐT', 'Cơ quan Cảnh sát điều tra', 'CQCSĐT'],
    kinds: ['police'],
    source: 'Luật Tổ chức cơ quan điều tra hình sự 2015 (99/2015/QH13), Điều 4, 17',
  },
  { term: 'Cảnh sát hình sự', spellings: ['CSHS'], kinds: ['police'], source: POLICE_DECREE },
  { term: 'Cảnh sát cơ động', spellings: ['CSCĐ'], kinds: ['police'], source: POLICE_DECREE },
  { term: 'Cảnh sát kinh tế', spellings: ['CSKT'], kinds: ['police'], source: POLICE_DECREE },
  {
    term: 'Cảnh sát phòng cháy, chữa cháy',
    spellings: ['Cảnh sát PCCC', 'CS PCCC'],
    kinds: ['police'],
    source: `${POLICE_DECREE}; Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024 (55/2024/QH15)`,
  },
  {
    term: 'Cơ quan An ninh điều tra',
    spellings: ['An ninh điều tra', 'ANĐT'],
    kinds: ['police'],
    source: 'Luật Tổ chức cơ quan điều tra hình sự 2015 (99/2015/QH13), Điều 4, 16',
  },
  {
    term: 'Cục An ninh mạng và phòng, chống tội phạm công nghệ cao',
    spellings: ['Cục An ninh mạng', 'A05', 'Cục A05', 'PA05'],
    kinds: ['police'],
    source: `${POLICE_DECREE}; Luật An ninh mạng 2018 (24/2018/QH14), Điều 30; https://bocongan.gov.vn`,
  },
  {
    term: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    spellings: ['C06', 'Cục C06', 'Cục Cảnh sát QLHC về TTXH'],
    kinds: ['police'],
    source: `${POLICE_DECREE}; https://bocongan.gov.vn`,
  },
  {
    term: 'Phòng nghiệp vụ Công an cấp tỉnh',
    spellings: PROVINCIAL_POLICE_CODES,
    kinds: ['police'],
    source: `${POLICE_DECREE} (ký hiệu phòng nghiệp vụ công an tỉnh: PA an ninh, PC cảnh sát); https://bocongan.gov.vn`,
  },
  {
    term: 'VNeID',
    spellings: ['Ứng dụng VNeID', 'Định danh điện tử VNeID'],
    kinds: ['police'],
    source: 'Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử, Điều 3 (ứng dụng VNeID của Bộ Công an)',
  },
  // ---- Courts and procuracies (judicial: the older kind, may use both) ----------------------------------------
  { term: 'Tòa án nhân dân', spellings: ['Tòa án', 'TAND'], kinds: COURT, source: COURTS_LAW },
  { term: 'Tòa án nhân dân tối cao', spellings: ['TANDTC', 'TAND tối cao'], kinds: COURT, source: COURTS_LAW },
  { term: 'Tòa án nhân dân cấp tỉnh', spellings: ['TAND cấp tỉnh', 'TAND tỉnh', 'TAND TP'], kinds: COURT, source: COURTS_LAW },
  { term: 'Tòa án nhân dân khu vực', spellings: ['TAND khu vực', 'TAND KV'], kinds: COURT, source: COURTS_LAW },
  { term: 'Tòa án quân sự', spellings: ['TAQS', 'Tòa án quân sự trung ương'], kinds: COURT, source: COURTS_LAW },
  {
    term: 'Viện kiểm sát nhân dân',
    spellings: ['Viện kiểm sát', 'VKSND', 'VKS', 'Viện KS'],
    kinds: PROCURACY,
    source: PROCURACY_LAW,
  },
  {
    term: 'Viện kiểm sát nhân dân tối cao',
    spellings: ['VKSNDTC', 'VKSND tối cao', 'Viện KSND tối cao'],
    kinds: PROCURACY,
    source: PROCURACY_LAW,
  },
  {
    term: 'Viện kiểm sát nhân dân cấp tỉnh',
    spellings: ['VKSND cấp tỉnh', 'VKSND tỉnh', 'VKSND TP'],
    kinds: PROCURACY,
    source: PROCURACY_LAW,
  },
  { term: 'Viện kiểm sát nhân dân khu vực', spellings: ['VKSND khu vực', 'VKS khu vực'], kinds: PROCURACY, source: PROCURACY_LAW },
  { term: 'Viện kiểm sát quân sự', spellings: ['VKSQS'], kinds: PROCURACY, source: PROCURACY_LAW },
  // ---- Local government (province and commune) -----------------------------------------------------------------
  {
    term: 'Ủy ban nhân dân',
    spellings: ['UBND', 'UB nhân dân'],
    kinds: LOCAL,
    source: LOCAL_GOVERNMENT_LAW,
  },
  { term: 'Hội đồng nhân dân', spellings: ['HĐND'], kinds: LOCAL, source: LOCAL_GOVERNMENT_LAW },
  // ---- Tax, customs, social insurance (under Bộ Tài chính since 2025; each registers as its own kind) ---------
  {
    term: 'Cục Thuế',
    spellings: ['Tổng cục Thuế', 'Chi cục Thuế', 'Cơ quan thuế', 'Thuế TP', 'Thuế thành phố', 'Thuế tỉnh'],
    kinds: ['tax'],
    source: `${FINANCE_DECREE} (Cục Thuế; thuế tỉnh, thành phố và thuế cơ sở); Luật Quản lý thuế 2019 (38/2019/QH14)`,
  },
  {
    term: 'Hải quan',
    spellings: ['Tổng cục Hải quan', 'Cục Hải quan', 'Chi cục Hải quan', 'TCHQ'],
    kinds: ['customs'],
    source: `${FINANCE_DECREE} (Cục Hải quan); Luật Hải quan 2014 (54/2014/QH13), Điều 12`,
  },
  {
    term: 'Bảo hiểm xã hội',
    spellings: ['BHXH', 'BHXH Việt Nam', 'Bảo hiểm XH', 'BH xã hội'],
    kinds: ['social_insurance'],
    source: `${FINANCE_DECREE} (Bảo hiểm xã hội Việt Nam); Luật Bảo hiểm xã hội 2024 (41/2024/QH15)`,
  },
];

/** The seed as list entries, with stable ids ("seed-1"...): for tests and tools that need the list without a database. */
export function protectedNamesOfSeed(seed: readonly ProtectedNameSeed[] = PROTECTED_NAMES_SEED_2025): ProtectedName[] {
  return seed.map((s, i) => ({ id: `seed-${i + 1}`, ...s }));
}
