import { ERROR_TEXT, errorText } from './error-text';
import type { ReservedNameClaim } from './errors';
import { KIND_LABEL } from './vietnamese-labels';

/**
 * What a RESERVED_NAME refusal carries about the protected state name it found (ReservedNameClaim: the error body's
 * `details`, or a field problem's), each part possibly missing, and the text that claimed it when known
 * ("Cảnh sát hình sự").
 */
export type ReservedNameDetails = { [K in keyof ReservedNameClaim]?: ReservedNameClaim[K] | null } & { value?: string | null };

/** The name fields the protected-name rule reads, in the words of the forms. */
const NAME_FIELD_TEXT: Record<string, string> = {
  label: 'Nhãn',
  displayName: 'Tên hiển thị',
  displayNameAscii: 'Tên không dấu',
  callReason: 'Lý do cuộc gọi',
};

/** "brandname.displayName", "brandnames[0].label", "displayNameAscii (derived from displayName)" → the field's words. */
function nameFieldText(field: string | null | undefined): string {
  const parts = (field ?? '').split(/[.\s]/).map((part) => part.replace(/\[\d+\]$/, ''));
  const known = parts.find((part) => Object.hasOwn(NAME_FIELD_TEXT, part));
  return known ? NAME_FIELD_TEXT[known] : 'Tên';
}

/**
 * The Vietnamese refusal naming the protected term, e.g. «Tên hiển thị “Cảnh sát hình sự” có cụm từ “Cảnh sát” dành
 * riêng cho cơ quan nhà nước (Công an); cơ quan loại Ngân hàng không được dùng: chọn tên khác.» Each part the
 * registry did not send is left out; without a term it is the general RESERVED_NAME sentence. The console and
 * anything else that shows a RESERVED_NAME to people use this one function.
 */
export function reservedNameText(details: ReservedNameDetails | null | undefined): string {
  const term = details?.term?.trim();
  if (!term) return ERROR_TEXT.RESERVED_NAME;
  const value = details?.value?.trim();
  const spelling = details?.spelling?.trim();
  const subject = `${nameFieldText(details?.field)}${value ? ` “${value}”` : ''}`;
  const written = spelling && spelling.toLocaleLowerCase('vi') !== term.toLocaleLowerCase('vi') ? ` (viết là “${spelling}”)` : '';
  const owners = (details?.kinds ?? []).map((k) => KIND_LABEL[k] ?? k);
  const reservedFor = `dành riêng cho cơ quan nhà nước${owners.length ? ` (${owners.join(', ')})` : ''}`;
  const kind = details?.organizationKind;
  const refused = kind ? `cơ quan loại ${KIND_LABEL[kind] ?? kind} không được dùng` : 'loại cơ quan này không được dùng';
  return `${subject} có cụm từ “${term}”${written} ${reservedFor}; ${refused}: chọn tên khác.`;
}

/** A refusal's sentence by its code: a RESERVED_NAME names its term when the details say which. */
export function refusalText(code: string | null | undefined, details?: ReservedNameDetails | null): string {
  return code === 'RESERVED_NAME' ? reservedNameText(details) : errorText(code);
}
