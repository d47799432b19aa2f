"use client";

import { useMemo } from "react";
import type { TColumnProfile } from "@/server/services/data-profile/data-profile-result";
import { EChart } from "../charts/echart";
import { histogramOption, topValuesOption } from "../charts/profile-chart-option";
import { formatMetric } from "../runs/format";

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-mono">{typeof value === "number" ? formatMetric(value) : value}</dd>
    </>
  );
}

/** One column's statistics with its histogram (numbers) or top values (everything else). */
export function ColumnProfileCard({ column, rowCount }: { column: TColumnProfile; rowCount: number }) {
  const { numeric, top } = column;
  const option = useMemo(
    () =>
      numeric ? histogramOption(numeric.histogram) : top && top.values.length ? topValuesOption(top.values) : null,
    [numeric, top],
  );
  const missingShare = rowCount ? ` (${((column.missing / rowCount) * 100).toFixed(1)}%)` : "";
  return (
    <article
      aria-label={`Column ${column.name}`}
      className="rounded-lg border border-slate-200 bg-white p-3 text-xs shadow-sm"
    >
      <header className="mb-2 flex items-baseline justify-between">
        <h3 className="truncate font-mono text-sm font-semibold">{column.name}</h3>
        <span className="font-mono text-slate-500">{column.type}</span>
      </header>
      <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5">
        <Stat label="Count" value={column.count} />
        <Stat label="Missing" value={`${column.missing}${missingShare}`} />
        {column.invalid ? <Stat label="Not a number" value={column.invalid} /> : null}
        <Stat label={column.distinct.isExact ? "Distinct" : "Distinct (estimate)"} value={column.distinct.value} />
        {numeric ? (
          <>
            <Stat label="Min / max" value={`${formatMetric(numeric.min)} / ${formatMetric(numeric.max)}`} />
            <Stat label="Mean ± std" value={`${formatMetric(numeric.mean)} ± ${formatMetric(numeric.std)}`} />
            <Stat
              label={numeric.isExactQuantiles ? "p5 / p50 / p95" : "p5 / p50 / p95 (sketch)"}
              value={`${formatMetric(numeric.quantiles.p5)} / ${formatMetric(numeric.quantiles.p50)} / ${formatMetric(numeric.quantiles.p95)}`}
            />
            <Stat
              label="p25 / p75"
              value={`${formatMetric(numeric.quantiles.p25)} / ${formatMetric(numeric.quantiles.p75)}`}
            />
          </>
        ) : null}
        {column.range ? <Stat label="First / last" value={`${column.range.min} / ${column.range.max}`} /> : null}
      </dl>
      {option ? (
        <div className="mt-2">
          <p className="text-[11px] text-slate-500">
            {numeric ? "Histogram" : top?.isExact ? "Top values" : "Top values (approximate counts)"}
          </p>
          <EChart option={option} height={140} label={`${numeric ? "Histogram" : "Top values"} of ${column.name}`} />
        </div>
      ) : null}
    </article>
  );
}
