import type { EChartsCoreOption } from "echarts/core";
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS, ITEM_STATUSES, type TItemStatus } from "../labeling/task-types";

/** Items by status as one stacked horizontal bar: the project's progress at a glance. */
export function statusOption(counts: Record<TItemStatus, number>): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: "item" },
    xAxis: {
      type: "value",
      show: false,
      max: Math.max(
        1,
        ITEM_STATUSES.reduce((s, k) => s + counts[k], 0),
      ),
    },
    yAxis: { type: "category", data: ["Items"], show: false },
    series: ITEM_STATUSES.filter((s) => counts[s] > 0 || s !== "broken").map((status) => ({
      type: "bar",
      stack: "items",
      name: ITEM_STATUS_LABELS[status],
      data: [counts[status]],
      barWidth: 28,
      itemStyle: { color: ITEM_STATUS_COLORS[status] },
      label: { show: counts[status] > 0, formatter: String(counts[status]), fontSize: 11 },
    })),
  };
}

/** Submissions per day, one stacked bar per person: who labels how much, and when. */
export function throughputOption(
  rows: readonly { email: string; day: Date | string; submitted: number }[],
): EChartsCoreOption {
  const days = [...new Set(rows.map((r) => dayOf(r.day)))].sort();
  const people = [...new Set(rows.map((r) => r.email))].sort();
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 28, bottom: 28 },
    legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: days, axisLabel: { fontSize: 10 } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 10 } },
    series: people.map((email) => ({
      type: "bar",
      stack: "people",
      name: email,
      data: days.map((day) => rows.find((r) => r.email === email && dayOf(r.day) === day)?.submitted ?? 0),
    })),
  };
}

/** How often each label is used in submitted and accepted work, in the project's colours. */
export function labelDistributionOption(
  labels: readonly { name: string; color: string; count: number }[],
): EChartsCoreOption {
  const shown = [...labels].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 10 } },
    yAxis: { type: "category", data: shown.map((l) => l.name), axisLabel: { fontSize: 11 } },
    series: [
      {
        type: "bar",
        data: shown.map((l) => ({ value: l.count, itemStyle: { color: l.color } })),
        label: { show: true, position: "right", fontSize: 10 },
      },
    ],
  };
}

/** Each person's mean agreement with the others on items they both labeled, from 0 to 100 %. */
export function agreementOption(people: readonly { email: string; agreement: number | null }[]): EChartsCoreOption {
  const shown = people.filter((p) => p.agreement !== null);
  return {
    animation: false,
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => `${v}%` },
    xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%", fontSize: 10 } },
    yAxis: { type: "category", data: shown.map((p) => p.email), axisLabel: { fontSize: 11 } },
    series: [
      {
        type: "bar",
        data: shown.map((p) => Math.round(p.agreement! * 100)),
        itemStyle: { color: "#7c3aed" },
        label: { show: true, position: "right", formatter: "{c}%", fontSize: 10 },
      },
    ],
  };
}

function dayOf(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 10);
}
