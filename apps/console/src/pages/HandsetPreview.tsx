/** How a handset shows a branded call: a basic phone shows the label, a smartphone the Vietnamese name. */
export function HandsetPreview({ label, name, callReason }: { label: string; name: string; callReason: string | null }) {
  return (
    <figure
      className="handsets"
      aria-label={`Xem trước trên điện thoại: máy phổ thông hiện “${label}”, điện thoại thông minh hiện “${name}”`}
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
          <div className="verified">✓ Đã xác thực</div>
        </div>
      </div>
      <figcaption className="muted small">Máy phổ thông · Điện thoại thông minh</figcaption>
    </figure>
  );
}
