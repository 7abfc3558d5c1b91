import type { AuditVerification } from '../../api/types';

/** The hash chain's check, announced politely: whole, or where it breaks. */
export function ChainVerification({ verification }: { verification: AuditVerification | null }) {
  return (
    <div role="status">
      {verification ? (
        verification.valid ? (
          <p className="alert alert-success">
            Chuỗi nhật ký toàn vẹn: đã kiểm tra {verification.checked} sự kiện, không có sự kiện nào bị sửa hay xóa.
          </p>
        ) : (
          <p className="alert alert-error">
            Chuỗi nhật ký bị phá vỡ tại sự kiện #{verification.brokenAt} (đã kiểm tra {verification.checked} sự kiện): {verification.reason}
          </p>
        )
      ) : null}
    </div>
  );
}
