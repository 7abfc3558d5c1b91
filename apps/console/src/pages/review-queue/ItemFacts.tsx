import type { ReviewItem } from '../../api/types';
import { label } from '../../labels';
import { HOLDING_STATUS_LABEL } from '../../onboarding-text';
import { directionText, originsText, validityText } from '../../review-text';

/** What a reviewer reads of an item: a number's terms, a brandname's names, an organization's name and code. */
export function ItemFacts({ item }: { item: ReviewItem }) {
  if (item.kind === 'numbers') {
    const inbound = item.direction === 'inbound_only';
    return (
      <>
        <strong>{item.nationalNumber}</strong>
        <div>
          <span className={inbound ? 'badge badge-inbound' : 'badge badge-outbound'}>{directionText(item.direction)}</span>
        </div>
        <dl className="facts">
          <dt>Tên định danh</dt>
          <dd>{item.label}</dd>
          <dt>Nhà mạng được phép</dt>
          <dd>{originsText(item.allowedOrigins)}</dd>
          <dt>Hiệu lực</dt>
          <dd>{validityText(item.validFrom, item.validTo)}</dd>
          <dt>Căn cứ</dt>
          <dd>{item.evidence || '(chưa có)'}</dd>
          {item.holdingStatus ? (
            <>
              <dt>Nhà mạng giữ số</dt>
              <dd>{label(HOLDING_STATUS_LABEL, item.holdingStatus)}</dd>
            </>
          ) : null}
        </dl>
      </>
    );
  }
  if (item.kind === 'brandnames') {
    return (
      <>
        <strong>
          {item.label} / {item.displayName}
        </strong>
        {item.callReason ? <div className="muted">Lý do cuộc gọi: {item.callReason}</div> : null}
      </>
    );
  }
  return (
    <>
      <strong>{item.organization.name}</strong>
      <div className="muted">{item.organization.code}</div>
    </>
  );
}
