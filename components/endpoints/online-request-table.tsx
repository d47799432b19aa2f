import type { TRequestSummary } from "./online-request-summary";

/** Per deployment: what the charts draw, as numbers a reader can compare with the traffic split. */
export function OnlineRequestTable({ rows }: { rows: readonly TRequestSummary[] }) {
  return (
    <table aria-label="Requests per deployment" className="w-full max-w-2xl text-left text-sm">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-3">Deployment</th>
          <th className="py-2 pr-3 text-right">Requests</th>
          <th className="py-2 pr-3 text-right">Share</th>
          <th className="py-2 pr-3 text-right">Traffic weight</th>
          <th className="py-2 pr-3 text-right">4xx</th>
          <th className="py-2 text-right">5xx</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.deployment} className="border-b border-slate-100 last:border-0">
            <td className="py-2 pr-3 font-medium">{r.deployment}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.requests}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.share === null ? "—" : `${r.share}%`}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.weight}%</td>
            <td className={`py-2 pr-3 text-right tabular-nums ${r.errors4xx ? "text-amber-700" : ""}`}>
              {r.errors4xx}
            </td>
            <td className={`py-2 text-right tabular-nums ${r.errors5xx ? "text-red-700" : ""}`}>{r.errors5xx}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
