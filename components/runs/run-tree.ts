/** Rows of the runs table: parents followed by their children when expanded, with depth for indenting. */
export type TTreeRow<T> = { run: T; depth: number; childCount: number };

export function flattenRunTree<T extends { id: string; parentRunId: string | null }>(
  runs: T[],
  expanded: ReadonlySet<string>,
): TTreeRow<T>[] {
  const ids = new Set(runs.map((r) => r.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const run of runs) {
    if (run.parentRunId && ids.has(run.parentRunId)) {
      const list = children.get(run.parentRunId) ?? [];
      list.push(run);
      children.set(run.parentRunId, list);
    } else roots.push(run);
  }
  const rows: TTreeRow<T>[] = [];
  const visit = (run: T, depth: number) => {
    const kids = children.get(run.id) ?? [];
    rows.push({ run, depth, childCount: kids.length });
    if (expanded.has(run.id)) for (const kid of kids) visit(kid, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return rows;
}
