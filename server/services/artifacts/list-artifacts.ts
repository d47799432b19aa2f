import { db } from "../../db";
import { findRun } from "../runs/find-run";

export type TArtifactEntry = { path: string; name: string; isDir: boolean; size: number | null; sha256: string | null };

/** The entries directly under `prefix` ("" for the root), folders first, as MLflow's artifacts/list. */
export async function listArtifacts(workspaceId: string, runId: string, prefix = ""): Promise<TArtifactEntry[]> {
  await findRun(workspaceId, runId);
  const base = prefix.replace(/^\/+|\/+$/g, "");
  const rows = await db().artifact.findMany({
    where: { runId, ...(base ? { path: { startsWith: `${base}/` } } : {}) },
    orderBy: { path: "asc" },
  });
  const entries = new Map<string, TArtifactEntry>();
  for (const row of rows) {
    const rest = base ? row.path.slice(base.length + 1) : row.path;
    const [head, ...tail] = rest.split("/");
    const entryPath = base ? `${base}/${head}` : head!;
    if (tail.length) entries.set(entryPath, { path: entryPath, name: head!, isDir: true, size: null, sha256: null });
    else
      entries.set(entryPath, {
        path: entryPath,
        name: head!,
        isDir: false,
        size: Number(row.size),
        sha256: row.sha256,
      });
  }
  return [...entries.values()].sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name));
}
