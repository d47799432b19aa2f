export type TLayoutNode = { id: string };
export type TLayoutEdge = { from: string; to: string };
export type TPlaced<T> = T & { column: number; row: number };

/**
 * Columns by the longest path from a source (data → run → data reads left to right), rows in
 * each column in the order the nodes came. Lineage is acyclic (an output is always a new
 * version); should a cycle appear anyway, its nodes keep the column they had when it closed.
 */
export function layoutLineage<T extends TLayoutNode>(
  nodes: T[],
  edges: TLayoutEdge[],
): { placed: TPlaced<T>[]; columns: number; rows: number } {
  const incoming = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) incoming.get(e.to)?.push(e.from);
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const columnOf = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const value = Math.max(-1, ...(incoming.get(id) ?? []).map(columnOf)) + 1;
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  const rowsUsed = new Map<number, number>();
  const placed = nodes.map((n) => {
    const c = columnOf(n.id);
    const row = rowsUsed.get(c) ?? 0;
    rowsUsed.set(c, row + 1);
    return { ...n, column: c, row };
  });
  return {
    placed,
    columns: Math.max(0, ...placed.map((p) => p.column + 1)),
    rows: Math.max(0, ...rowsUsed.values()),
  };
}
