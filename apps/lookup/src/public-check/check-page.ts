import { PublicCheckAnswer, tryParsePhoneNumber } from '@app/domain';

export type PageOutcome = { kind: 'answer'; answer: PublicCheckAnswer } | { kind: 'invalid' } | { kind: 'rate_limited'; seconds: number };

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "024 3943 7142", as people write it. */
const national = (e164: string): string => tryParsePhoneNumber(e164)?.national ?? e164;

const WARNING =
  'Hãy cảnh giác nếu người gọi tự xưng là công an, tòa án, cơ quan thuế hay ngân hàng: không cung cấp mã OTP, mật khẩu, số thẻ, và không chuyển tiền theo yêu cầu qua điện thoại.';

/** The answer in plain words: a sentence a citizen can act on, and whether it is reassuring. */
function sentences(outcome: PageOutcome): { tone: 'ok' | 'warn'; text: string[] } {
  if (outcome.kind === 'invalid')
    return { tone: 'warn', text: ['Đây không phải là số điện thoại Việt Nam hợp lệ. Hãy nhập lại, ví dụ 024 3943 7142.'] };
  if (outcome.kind === 'rate_limited') {
    return { tone: 'warn', text: [`Bạn đã kiểm tra quá nhiều lần trong một phút. Vui lòng thử lại sau ${outcome.seconds} giây.`] };
  }
  const a = outcome.answer;
  if (!a.registered) return { tone: 'warn', text: [`Số này không có trong danh bạ định danh của cơ quan nhà nước. ${WARNING}`] };
  const who = `Số ${national(a.number)} đã được đăng ký cho ${a.organization.name}.`;
  if (a.inboundOnly) {
    return { tone: 'warn', text: [who, 'Số này chỉ nhận cuộc gọi, không bao giờ gọi đi: nếu số này gọi cho bạn, đó là cuộc gọi giả mạo.'] };
  }
  if (a.status === 'suspended') {
    return { tone: 'warn', text: [who, 'Số này đang bị tạm ngừng: khi gọi, màn hình không hiện tên cơ quan.', WARNING] };
  }
  return { tone: 'ok', text: [`${who} Khi gọi, màn hình hiện ${a.display.label} / ${a.display.name}.`] };
}

/** The whole page: mobile first, no script, one form (GET), the answer, and where to report a scam call. */
export function checkPage(input: string, outcome: PageOutcome | null): string {
  const result = outcome ? sentences(outcome) : null;
  const answer = result
    ? `<section class="answer ${result.tone}" role="status" aria-live="polite">${result.text.map((t) => `<p>${escape(t)}</p>`).join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiểm tra số điện thoại cơ quan nhà nước</title>
<style>
body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{box-sizing:border-box;width:100%;font:inherit;padding:.7rem;border:2px solid #555;border-radius:.4rem}
button{width:100%;margin-top:.75rem;font:inherit;font-weight:600;padding:.75rem;border:0;border-radius:.4rem;background:#0b5cad;color:#fff}
.answer{margin-top:1rem;padding:.75rem 1rem;border-radius:.4rem;border-left:6px solid}
.answer p{margin:.25rem 0}
.ok{background:#e8f5e9;border-color:#2e7d32}
.warn{background:#fff4e5;border-color:#c62828}
</style>
</head>
<body>
<main>
<h1>Kiểm tra số điện thoại cơ quan nhà nước</h1>
<p>Nhập số vừa gọi cho bạn để biết số đó có được đăng ký cho một cơ quan nhà nước hay không.</p>
<form method="get" action="/kiem-tra">
<label for="so">Số điện thoại</label>
<input id="so" name="so" type="tel" inputmode="tel" autocomplete="off" placeholder="024 3943 7142" value="${escape(input)}" required>
<button type="submit">Kiểm tra</button>
</form>
${answer}
<h2>Báo cáo cuộc gọi lừa đảo</h2>
<p>Cuộc gọi lừa đảo, làm phiền: nhắn tin đến <strong>5656</strong> theo cú pháp <strong>V [số đã gọi bạn] [nội dung cuộc gọi]</strong>.</p>
<p>Tin nhắn lừa đảo, rác: nhắn tin đến <strong>156</strong> theo cú pháp <strong>S [số đã nhắn tin] [nội dung tin nhắn]</strong>.</p>
</main>
</body>
</html>
`;
}
