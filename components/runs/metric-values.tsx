import { formatMetric } from "./format";

/** Metrics logged once (a test score, a final accuracy): one number reads better than a one-dot chart. */
export function MetricValues({ metrics }: { metrics: [key: string, value: number | string, step: number][] }) {
  return (
    <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Single-value metrics">
      {metrics.map(([key, value, step]) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <dt className="truncate text-xs text-slate-500" title={key}>
            {key}
          </dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`metric-value-${key}`}>
            {formatMetric(value)}
          </dd>
          {step !== 0 ? <dd className="text-xs text-slate-400">step {step}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
