import { tryParsePhoneNumber } from '../../libs/domain/src/phone-number';

/** `count` distinct valid mobile numbers in national format, starting at `prefix` + `from`. */
export function mobileNumbers(prefix: string, from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; out.length < count; i++) {
    const national = `${prefix}${String(i).padStart(10 - prefix.length, '0')}`;
    const parsed = tryParsePhoneNumber(national);
    if (parsed && parsed.type === 'mobile') out.push(national);
  }
  return out;
}
