/** One measure of both systems; `better` says which way is good, so the ratio reads as Crucible's advantage. */
export type TComparison = {
  measure: string;
  unit: string;
  crucible: number;
  mlflow: number;
  better: "higher" | "lower";
  goal?: number;
  goalText?: string;
};

const format = (v: number, unit: string) =>
  `${v >= 100 ? v.toLocaleString("en", { maximumFractionDigits: 0 }) : v.toFixed(1)} ${unit}`;

/** How many times better Crucible is: its throughput over MLflow's, or MLflow's latency over its own. */
export function advantage(row: TComparison): number {
  return row.better === "higher" ? row.crucible / row.mlflow : row.mlflow / row.crucible;
}

/** A Markdown table, as pasted into the README. */
export function comparisonTable(rows: TComparison[]): string {
  const lines = ["| measure | Crucible | MLflow | ratio | goal | met? |", "| --- | ---: | ---: | ---: | --- | --- |"];
  for (const row of rows) {
    const ratio = advantage(row);
    const met = row.goal === undefined ? "—" : ratio >= row.goal ? "yes" : "no";
    lines.push(
      `| ${row.measure} | ${format(row.crucible, row.unit)} | ${format(row.mlflow, row.unit)} | ${ratio.toFixed(1)}× | ${row.goalText ?? "—"} | ${met} |`,
    );
  }
  return lines.join("\n");
}
