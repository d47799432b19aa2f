/** Every key of the records, sorted: the rows of a side-by-side table. */
export function unionKeys(records: readonly Record<string, unknown>[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
}

/** The keys whose values are not all the same (a key missing from some records differs). */
export function differingKeys(records: readonly Record<string, unknown>[], keys: readonly string[]): string[] {
  return keys.filter((k) => new Set(records.map((r) => (k in r ? JSON.stringify(r[k]) : undefined))).size > 1);
}
