import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { byId, client, ok } from '../../api/client';
import { formatDateTime } from '../../labels';
import { useLoad } from '../../data';
import { Alert } from '../../ui';
import { TableHead } from '../../table-head';

// One colour per carrier, in the table's order; distinguishable for common colour-vision deficiencies.
const COLOURS = ['#0b5cad', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666'];

/** "Triển khai": which carriers already show the organization's brand, and how far their copies follow. */
export function RolloutPanel({ orgId }: { orgId: string }) {
  const rollout = useLoad(() => ok(client.GET('/v1/organizations/{id}/rollout', byId(orgId))), [orgId]);
  if (rollout.error && !rollout.data) return <Alert error={rollout.error} />;
  if (!rollout.data) return <p>Đang tải…</p>;
  const { carriers } = rollout.data;
  if (carriers.length === 0) return <p className="empty">Chưa có nhà mạng nào.</p>;

  // Recharts wants one row per day with a field per carrier.
  const days = carriers[0].daily.map((d, i) => ({
    date: d.date.slice(8, 10) + '/' + d.date.slice(5, 7),
    ...Object.fromEntries(carriers.map((c) => [c.carrier, c.daily[i]?.answers ?? 0])),
  }));

  return (
    <section aria-labelledby="rollout-title" data-testid="rollout">
      <h2 id="rollout-title">Triển khai theo nhà mạng</h2>
      <p className="muted small">
        Số lần tra cứu trả về tên định danh của cơ quan, theo từng nhà mạng; và bản sao danh bạ của nhà mạng đã cập nhật đến đâu.
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption>Trạng thái từng nhà mạng</caption>
          <TableHead columns={['Nhà mạng', 'Đã hiển thị tên', 'Lần đầu', 'Gần nhất', '24 giờ qua', 'Bản sao danh bạ']} />
          <tbody>
            {carriers.map((c) => (
              <tr key={c.carrier} data-testid="rollout-row">
                <th scope="row">{c.carrierName}</th>
                <td>{c.firstBrandedAt ? 'Có' : 'Chưa'}</td>
                <td>{c.firstBrandedAt ? formatDateTime(c.firstBrandedAt) : '—'}</td>
                <td>{c.lastBrandedAt ? formatDateTime(c.lastBrandedAt) : '—'}</td>
                <td>{c.brandedLast24h.toLocaleString('vi-VN')}</td>
                <td>
                  {c.syncedVersion === null
                    ? 'Chưa đồng bộ'
                    : c.upToDate
                      ? `Đã cập nhật (phiên bản ${c.syncedVersion})`
                      : `Chưa cập nhật (phiên bản ${c.syncedVersion})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Số lần hiển thị tên mỗi ngày (14 ngày)</h3>
      <div className="rollout-chart" role="img" aria-label="Biểu đồ số lần hiển thị tên mỗi ngày theo nhà mạng">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={48} />
            <Tooltip />
            <Legend />
            {carriers.map((c, i) => (
              <Bar key={c.carrier} dataKey={c.carrier} name={c.carrierName} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
