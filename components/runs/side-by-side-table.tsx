import type { ReactNode } from "react";
import { differingKeys, unionKeys } from "./compare-keys";
import { formatMetric } from "./format";

export type TSideBySideColumn = {
  id: string;
  header: ReactNode;
  params: Record<string, string>;
  /** Each metric's last value. */
  metrics: Record<string, number | string>;
};

const ROW_HEAD = "py-1 pr-4 font-mono text-xs font-normal text-slate-600";
const CELL = "py-1 pr-4 font-mono text-xs";

/** Runs (or what was made by them) as columns, their params then their metrics as rows. */
export function SideBySideTable({ columns, isDiffOnly }: { columns: TSideBySideColumn[]; isDiffOnly: boolean }) {
  const params = columns.map((c) => c.params);
  const metrics = columns.map((c) => c.metrics);
  const paramKeys = unionKeys(params);
  const metricKeys = unionKeys(metrics);
  const shownParams = isDiffOnly ? differingKeys(params, paramKeys) : paramKeys;
  const shownMetrics = isDiffOnly ? differingKeys(metrics, metricKeys) : metricKeys;
  return (
    <div className="overflow-x-auto">
      <table className="text-left text-sm" aria-label="Params side by side">
        <thead>
          <tr>
            <th className="py-1 pr-4 text-xs uppercase text-slate-500">Param</th>
            {columns.map((c) => (
              <th key={c.id} className="py-1 pr-4">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {shownParams.map((k) => (
            <tr key={k}>
              <th scope="row" className={ROW_HEAD}>
                {k}
              </th>
              {columns.map((c) => (
                <td key={c.id} className={CELL}>
                  {c.params[k] ?? "—"}
                </td>
              ))}
            </tr>
          ))}
          {shownMetrics.map((k) => (
            <tr key={`m-${k}`} className="bg-slate-50">
              <th scope="row" className={ROW_HEAD}>
                {k} (last)
              </th>
              {columns.map((c) => (
                <td key={c.id} className={CELL}>
                  {formatMetric(c.metrics[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {isDiffOnly && shownParams.length === 0 && paramKeys.length > 0 ? (
        <p className="mt-2 text-sm text-slate-500">All params are the same.</p>
      ) : null}
      {paramKeys.length === 0 && metricKeys.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No params or metrics were logged.</p>
      ) : null}
    </div>
  );
}
