import { problemText } from '../../api/errors';
import { fieldText, PROBLEM_TEXT } from '../../onboarding-text';
import { ApplyForm } from './ApplyForm';
import { useApply } from './use-apply';

/**
 * The public application form at /console/dang-ky?token=…: no account yet, the invitation's token is the
 * credential. The label and display name are checked as they are typed, with the registry's own rule module;
 * everything else (look-alikes, numbers, carriers) comes back from the registry, each problem by its field.
 */
export function ApplyPage() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const f = useApply(token);
  // The names as typed, to quote the one that claims a protected state name.
  const typed: Record<string, string> = {
    'brandname.label': f.label,
    'brandname.displayName': f.displayName,
    'brandname.callReason': f.callReason,
  };

  if (!token) {
    return (
      <main id="main" className="apply">
        <h1>Đăng ký tên định danh thoại</h1>
        <p role="alert">Đường dẫn thiếu mã lời mời. Hãy mở đúng đường dẫn Bộ đã gửi cho cơ quan.</p>
      </main>
    );
  }
  if (f.done) {
    return (
      <main id="main" className="apply">
        <h1>Đã nộp hồ sơ</h1>
        <div role="status" className="alert alert-success">
          Hồ sơ của {f.done.organization.name} đã được gửi. Mỗi số điện thoại sẽ được nhà mạng quản lý số xác nhận; cán bộ của Bộ sẽ thẩm
          định hồ sơ.
        </div>
        <p>
          Đăng nhập bằng tài khoản <strong>{f.done.applicant.username}</strong> vừa tạo để tải quyết định lên và theo dõi hồ sơ:{' '}
          <a href="/console/">vào trang quản trị</a>.
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="apply">
      <h1>Đăng ký tên định danh thoại</h1>
      <p className="muted">Tên cơ quan sẽ hiển thị trên điện thoại người nghe khi cơ quan gọi từ các số đăng ký dưới đây.</p>
      {f.failure ? (
        <div role="alert" className="alert alert-error">
          {f.failure}
        </div>
      ) : null}
      {f.problems.length ? (
        <div role="alert" className="alert alert-error">
          <p>Hồ sơ chưa được nhận. Vui lòng sửa:</p>
          <ul data-testid="problems">
            {f.problems.map((p, i) => (
              <li key={i}>
                <strong>{fieldText(p.field)}</strong>: {p.code ? problemText(p, typed[p.field]) : PROBLEM_TEXT.VALIDATION_FAILED}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ApplyForm f={f} />
    </main>
  );
}
