/** What a datastore holds, in the words a refusal to move or delete it uses. */
export function holdings(count: { runs: number; blobs: number }): string {
  const parts = [
    count.runs > 0 ? `the files of ${count.runs} ${count.runs === 1 ? "run" : "runs"}` : "",
    count.blobs > 0 ? `${count.blobs} stored data or model ${count.blobs === 1 ? "file" : "files"}` : "",
  ];
  return parts.filter(Boolean).join(" and ");
}
