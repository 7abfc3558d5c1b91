/**
 * How a handset shows a branded call: a basic phone shows the label, a smartphone the Vietnamese name. Only an
 * active brandname is shown on calls; any other is previewed as what it would show once approved, never with the
 * "verified" mark (a reviewer must not read a pending name as live).
 */
export function HandsetPreview(props: { label: string; name: string; callReason: string | null; status: string }) {
  const { label, name, callReason } = props;
  const live = props.status === 'active';
  return (
    <figure
      className={live ? 'handsets' : 'handsets handsets-not-live'}
      aria-label={
        live
          ? `Xem trước trên điện thoại: máy phổ thông hiện “${label}”, điện thoại thông minh hiện “${name}”`
          : `Xem trước khi được duyệt: tên này chưa hiển thị trên cuộc gọi nào`
      }
    >
      <div className="handset handset-basic" aria-hidden="true">
        <div className="screen">
          <div className="small">Cuoc goi den</div>
          <div className="caller">{label}</div>
        </div>
        <div className="keypad" />
      </div>
      <div className="handset handset-smart" aria-hidden="true">
        <div className="screen">
          <div className="small">Cuộc gọi đến</div>
          <div className="caller">{name}</div>
          {callReason ? <div className="small">{callReason}</div> : null}
          {live ? <div className="verified">✓ Đã xác thực</div> : <div className="not-live">Chưa hiển thị: chờ phê duyệt</div>}
        </div>
      </div>
      <figcaption className="muted small">
        Máy phổ thông · Điện thoại thông minh
        {live ? null : <strong> · Tên chưa hiển thị trên cuộc gọi: chỉ hiện sau khi được phê duyệt</strong>}
      </figcaption>
    </figure>
  );
}
