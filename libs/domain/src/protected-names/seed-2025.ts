import type { OrganizationKind } from '../lifecycle';

/**
 * The protected-name list as first installed (migration 1796280000000-ProtectedNames inserts it once; every later
 * change is a reviewed proposal). The state as it is after the 2025 reorganizations; each entry cites its source.
 */
export interface ProtectedNameSeed {
  term: string;
  spellings: string[];
  kinds: OrganizationKind[];
  source: string;
}

export const PROTECTED_NAMES_SEED_2025: readonly ProtectedNameSeed[] = [
  {
    term: 'Công an',
    spellings: ['CA', 'Công an nhân dân', 'CAND'],
    kinds: ['police'],
    source: 'Luật Công an nhân dân 2018 (37/2018/QH14), Điều 16: hệ thống tổ chức Công an nhân dân',
  },
];
