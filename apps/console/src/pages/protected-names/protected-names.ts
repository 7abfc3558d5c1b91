import type { CreateProtectedNameProposal, FourEyes, Me, OrganizationKind, ProtectedName, ProtectedNameProposal } from '../../api/types';
import { KIND_LABEL } from '../../labels';

type Action = ProtectedNameProposal['action'];

/** What a proposal does, as a person reads it. */
export const ACTION_TEXT: Record<Action, string> = {
  add: 'Thêm tên',
  change: 'Sửa tên',
  remove: 'Gỡ tên',
};

/** The list's two views. */
export const NAME_STATUS_TEXT: Record<ProtectedName['status'], string> = {
  active: 'Đang bảo vệ',
  removed: 'Đã gỡ',
};

/** The proposal form as typed: spellings one per line (or separated by commas), kinds ticked. */
export interface ProposalDraft {
  action: Action;
  /** change and remove: the name in force. */
  protectedNameId: string | null;
  /** change and remove: the term as it stands, to say which name the form is about. */
  current: string | null;
  term: string;
  spellings: string;
  kinds: OrganizationKind[];
  source: string;
  reason: string;
}

export const EMPTY_DRAFT: ProposalDraft = {
  action: 'add',
  protectedNameId: null,
  current: null,
  term: '',
  spellings: '',
  kinds: [],
  source: '',
  reason: '',
};

/** A change starts from the name as it stands; a removal needs only the name and a reason. */
export function draftFor(action: Exclude<Action, 'add'>, name: ProtectedName): ProposalDraft {
  return {
    ...EMPTY_DRAFT,
    action,
    protectedNameId: name.id,
    current: name.term,
    ...(action === 'change' ? { term: name.term, spellings: name.spellings.join('\n'), kinds: [...name.kinds], source: name.source } : {}),
  };
}

/** "CSGT\nC.S.G.T, Cảnh sát GT" → ["CSGT", "C.S.G.T", "Cảnh sát GT"]: trimmed, no empties, each once. */
export function parseSpellings(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const s = raw.replace(/\s+/g, ' ').trim();
    if (s === '' || seen.has(s.toLocaleLowerCase('vi'))) continue;
    seen.add(s.toLocaleLowerCase('vi'));
    out.push(s);
  }
  return out;
}

/** The request the form sends: a removal names the entry and gives a reason, nothing else. */
export function proposalBody(d: ProposalDraft): CreateProtectedNameProposal {
  const reason = d.reason.trim();
  if (d.action === 'remove') return { action: 'remove', protectedNameId: d.protectedNameId ?? undefined, reason };
  const fields = { term: d.term.trim(), spellings: parseSpellings(d.spellings), kinds: [...d.kinds], source: d.source.trim(), reason };
  return d.action === 'add'
    ? { action: 'add', ...fields }
    : { action: 'change', protectedNameId: d.protectedNameId ?? undefined, ...fields };
}

/** What is still missing before the form can be sent (the registry checks again), or null. */
export function draftProblem(d: ProposalDraft): string | null {
  if (d.action !== 'add' && !d.protectedNameId) return 'Chọn tên cần sửa hoặc gỡ trong danh sách.';
  if (d.action !== 'remove') {
    if (!d.term.trim()) return 'Nhập tên cần bảo vệ.';
    if (d.kinds.length === 0) return 'Chọn ít nhất một loại cơ quan được dùng tên này.';
    if (!d.source.trim()) return 'Nhập nguồn (văn bản pháp luật hoặc trang chính thức).';
  }
  if (!d.reason.trim()) return 'Nhập lý do đề xuất.';
  return null;
}

/** The kinds that may use a name, in words. */
export function kindsText(kinds: readonly string[]): string {
  return kinds.map((k) => KIND_LABEL[k] ?? k).join(', ');
}

/** A proposal in one line: «Thêm tên “Cảnh sát cơ động”». */
export function proposalTitle(p: Pick<ProtectedNameProposal, 'action' | 'term'>): string {
  return `${ACTION_TEXT[p.action]} “${p.term}”`;
}

/**
 * What the signed-in person is offered on a pending proposal. Approving is the registry's four-eyes verdict
 * (`fourEyes`: a refused button stays, disabled, with the reason beside it). Whoever the verdict refuses because
 * they took part (rule same_account: they proposed it) may withdraw it; any other regulator may reject it.
 * Auditors read only.
 */
export function proposalActions(
  me: Pick<Me, 'role'>,
  p: Pick<ProtectedNameProposal, 'status' | 'fourEyes'>,
): { approve: FourEyes | null | undefined; reject: boolean; withdraw: boolean } | null {
  if (me.role !== 'regulator' || p.status !== 'pending') return null;
  const mine = p.fourEyes?.allowed === false && p.fourEyes.rule === 'same_account';
  return { approve: p.fourEyes, reject: !mine, withdraw: mine };
}

/** Whether a name may be proposed for change or removal now (one waiting proposal per name; a removed name stays removed). */
export function mayProposeOn(me: Pick<Me, 'role'>, name: Pick<ProtectedName, 'status' | 'pendingProposal'>): boolean {
  return me.role === 'regulator' && name.status === 'active' && name.pendingProposal === null;
}

/** Said once a proposal is sent, approved, rejected or withdrawn. */
export const DONE_TEXT = {
  proposed: (p: Pick<ProtectedNameProposal, 'action' | 'term'>) =>
    `Đã gửi đề xuất: ${proposalTitle(p)}. Danh sách chỉ thay đổi khi một cán bộ khác phê duyệt.`,
  approve: (p: Pick<ProtectedNameProposal, 'action' | 'term'>) =>
    `Đã phê duyệt: ${proposalTitle(p)}. Danh sách đã được cập nhật và gửi tới nhà mạng.`,
  reject: (p: Pick<ProtectedNameProposal, 'action' | 'term'>) => `Đã từ chối đề xuất: ${proposalTitle(p)}. Danh sách giữ nguyên.`,
  withdraw: (p: Pick<ProtectedNameProposal, 'action' | 'term'>) => `Đã rút đề xuất: ${proposalTitle(p)}. Danh sách giữ nguyên.`,
} as const;
