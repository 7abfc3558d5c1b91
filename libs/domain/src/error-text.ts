import type { ErrorCode } from './errors';

/**
 * What each error code means to a person using the console, in Vietnamese, with what to do next. The API keeps
 * its English message for developers; every console page and the CSV import report (shown and downloaded) use
 * this one table. `Record<ErrorCode, …>` makes a new code without a sentence a compile error, and a unit test
 * checks the sentences themselves.
 */
export const ERROR_TEXT: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Thông tin chưa đúng yêu cầu: xem các ô được đánh dấu rồi gửi lại.',
  INVALID_NUMBER: 'Số điện thoại không hợp lệ: kiểm tra lại các chữ số (ví dụ 024 3943 7142 hoặc 0912 345 678).',
  INVALID_LABEL: 'Nhãn chỉ gồm 1–11 chữ cái không dấu, chữ số, dấu - _ . và khoảng trắng, không được toàn chữ số.',
  INVALID_DISPLAY_NAME: 'Tên hiển thị dài 2–32 ký tự, chỉ gồm chữ tiếng Việt, chữ số và ít dấu câu.',
  INVALID_CALL_REASON: 'Lý do cuộc gọi dài tối đa 64 ký tự, chỉ gồm chữ tiếng Việt, chữ số và ít dấu câu.',
  INVALID_ORIGIN: 'Mã nhà mạng không đúng: chọn trong danh sách nhà mạng (ví dụ VIETTEL, VINAPHONE, MOBIFONE).',
  RESERVED_NAME: 'Tên có từ dành riêng cho cơ quan nhà nước (Bộ, Công an, Tòa án, ...) mà loại cơ quan này không được dùng: chọn tên khác.',
  CONFUSABLE_NAME: 'Tên hoặc nhãn quá giống tên định danh của một cơ quan khác, dễ bị lợi dụng để giả mạo: hãy chọn tên khác hẳn.',
  DUPLICATE_LABEL: 'Nhãn này đã có cơ quan khác dùng: chọn nhãn khác.',
  DUPLICATE_NUMBER: 'Số này đã được đăng ký (hoặc bị nhập hai lần): tìm số để xem cơ quan nào đang giữ.',
  DUPLICATE_CODE: 'Mã này đã được dùng: chọn mã khác.',
  DUPLICATE_USERNAME: 'Tên đăng nhập đã có người dùng: chọn tên khác.',
  NAME_UNAVAILABLE: 'Tên đăng nhập hoặc mã cơ quan không dùng được: chọn tên đăng nhập khác; nếu vẫn bị từ chối, liên hệ Bộ.',
  NOT_FOUND: 'Không tìm thấy mục này: có thể nó đã bị xóa hoặc bạn không có quyền xem. Tải lại trang.',
  VERSION_CONFLICT: 'Người khác vừa thay đổi mục này: xem giá trị mới nhất bên dưới rồi sửa lại nếu vẫn cần.',
  REVISION_PENDING: 'Mục này đang có một bản sửa chờ duyệt: chờ bản đó được duyệt hoặc từ chối rồi mới sửa tiếp.',
  TARGET_NOT_ACTIVE: 'Cơ quan tiếp nhận chưa được kích hoạt: phê duyệt cơ quan đó trước.',
  TARGET_NOT_ALLOWED: 'Không thể chuyển sang cơ quan này (trùng cơ quan cũ hoặc cơ quan đã ngừng hoạt động).',
  REORGANIZATION_OVERLAP: 'Đã có một đợt sắp xếp lại khác cho cùng cơ quan hoặc cùng số trong thời gian này.',
  CARRIER_CONFIRMATION_REQUIRED: 'Số chưa được nhà mạng đang giữ số xác nhận: chờ nhà mạng xác nhận (hoặc nhập công văn xác nhận thay).',
  INVITATION_INVALID: 'Lời mời không hợp lệ, đã dùng, đã hết hạn hoặc đã bị thu hồi: liên hệ Bộ để được mời lại.',
  INVITATION_EXHAUSTED:
    'Hồ sơ gửi bằng lời mời này đã bị từ chối quá số lần cho phép nên lời mời không còn dùng được: liên hệ Bộ để được mời lại.',
  INVALID_TRANSITION: 'Mục đang ở trạng thái không cho phép thao tác này: tải lại trang để xem trạng thái hiện tại.',
  FOUR_EYES_REQUIRED:
    'Bạn đã tham gia thay đổi này, hoặc có thể đăng nhập thay người đã tham gia (gửi, sửa, tạm dừng, mời hoặc thẩm định): cần một cán bộ khác phê duyệt.',
  FORBIDDEN: 'Tài khoản của bạn không có quyền làm việc này.',
  PASSWORD_CHANGE_REQUIRED: 'Bạn đang dùng mật khẩu tạm thời: hãy đổi mật khẩu của mình trước khi làm việc tiếp.',
  SECOND_FACTOR_REQUIRED: 'Cần mã xác thực hai bước: nhập mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã khôi phục.',
  SECOND_FACTOR_ENROLLMENT_REQUIRED: 'Tài khoản này phải có xác thực hai bước: hãy thiết lập ứng dụng xác thực trước khi làm việc tiếp.',
  UNAUTHENTICATED: 'Phiên đăng nhập đã hết hoặc sai tên đăng nhập/mật khẩu: đăng nhập lại.',
  CARRIER_SUSPENDED: 'Nhà mạng này đang bị tạm dừng.',
  TOO_MANY_KEYS: 'Nhà mạng đã có đủ số khóa API đang dùng: thu hồi một khóa cũ trước khi tạo khóa mới.',
  RATE_LIMITED: 'Quá nhiều yêu cầu trong thời gian ngắn: chờ một lát rồi thử lại.',
  PAYLOAD_TOO_LARGE: 'Tệp hoặc dữ liệu gửi lên quá lớn: chia nhỏ rồi gửi lại.',
  DOCUMENT_QUOTA_EXCEEDED:
    'Hồ sơ đã dùng hết giới hạn tài liệu (số tệp hoặc tổng dung lượng của hồ sơ, hoặc của cả cơ quan): tệp chưa được lưu; liên hệ Bộ nếu cần gửi thêm.',
  UNSUPPORTED_MEDIA_TYPE: 'Loại tệp không được chấp nhận: dùng đúng loại tệp được yêu cầu (CSV, PDF, PNG hoặc JPEG).',
  INSUFFICIENT_STORAGE: 'Máy chủ tạm hết chỗ lưu trữ: tệp chưa được lưu, dữ liệu đã có vẫn nguyên vẹn; thử lại sau hoặc báo cho quản trị.',
  SNAPSHOT_REQUIRED: 'Bản sao của nhà mạng đã quá cũ: cần tải lại toàn bộ danh sách.',
  CURSOR_AHEAD: 'Vị trí đồng bộ vượt quá dữ liệu của hệ thống: tải lại toàn bộ danh sách.',
  SERVICE_UNAVAILABLE: 'Hệ thống tạm thời không phục vụ được: thử lại sau ít phút.',
  DATABASE_UNAVAILABLE:
    'Cơ sở dữ liệu tạm thời không phản hồi, thao tác có thể chưa được thực hiện: chờ ít phút, tải lại trang để kiểm tra rồi thử lại; nếu vẫn lỗi, báo cho quản trị.',
  INTERNAL_ERROR: 'Hệ thống gặp lỗi: thử lại sau; nếu vẫn lỗi, báo cho quản trị kèm thời điểm xảy ra.',
};

/** The Vietnamese sentence for a code; an unknown code (a newer server) still gets a sentence, never English. */
export function errorText(code: string | null | undefined): string {
  return (code && (ERROR_TEXT as Record<string, string>)[code]) || 'Máy chủ từ chối thao tác này: thử lại hoặc báo cho quản trị.';
}
