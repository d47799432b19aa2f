import { db } from "../../db";
import { AppError } from "../../errors";
import { findDataVersion } from "../data/find-data-version";
import { findRun } from "../runs/find-run";

export type TLineageNode =
  | { id: string; kind: "run"; runId: string; label: string; status: string }
  | { id: string; kind: "data"; asset: string; version: number; type: string; label: string };
export type TLineageEdge = { from: string; to: string; name: string };
export type TLineageGraph = { root: string; nodes: TLineageNode[]; edges: TLineageEdge[]; isTruncated: boolean };

export type TLineageStart = { runId: string } | { ref: string };

const MAX_NODES = 200;
const MAX_DEPTH = 6;

/**
 * Where a run's or a data version's bytes came from and went: data version → run (it read it) →
 * data version (it made it), followed both ways from the start, `depth` hops at most and
 * MAX_NODES nodes. Deleted runs are left out, so the graph shows what a user can open.
 */
export async function lineageGraph(workspaceId: string, start: TLineageStart, depth = 3): Promise<TLineageGraph> {
  if (depth < 1 || depth > MAX_DEPTH) throw new AppError("BAD_REQUEST", `depth is between 1 and ${MAX_DEPTH}`);
  const nodes = new Map<string, TLineageNode>();
  const edges = new Map<string, TLineageEdge>();
  let root: string;
  let frontier: { runs: string[]; versions: string[] };
  if ("runId" in start) {
    await findRun(workspaceId, start.runId);
    root = `run:${start.runId}`;
    frontier = { runs: [start.runId], versions: [] };
  } else {
    const { version } = await findDataVersion(workspaceId, start.ref);
    root = `data:${version.id}`;
    frontier = { runs: [], versions: [version.id] };
  }
  const seen = new Set<string>([root]);
  let isTruncated = false;
  for (let hop = 0; hop < depth && (frontier.runs.length || frontier.versions.length); hop++) {
    const links = await db().runDataLink.findMany({
      where: {
        run: { workspaceId, deletedAt: null },
        OR: [{ runId: { in: frontier.runs } }, { versionId: { in: frontier.versions } }],
      },
      include: {
        run: { select: { id: true, displayName: true, status: true } },
        version: { include: { asset: { select: { name: true } } } },
      },
      orderBy: { createdAt: "asc" },
    });
    const next = { runs: [] as string[], versions: [] as string[] };
    for (const link of links) {
      const runNode = `run:${link.runId}`;
      const dataNode = `data:${link.versionId}`;
      for (const [id, make] of [
        [
          runNode,
          () => ({
            id: runNode,
            kind: "run",
            runId: link.run.id,
            label: link.run.displayName,
            status: link.run.status,
          }),
        ],
        [
          dataNode,
          () => ({
            id: dataNode,
            kind: "data",
            asset: link.version.asset.name,
            version: link.version.version,
            type: link.version.type,
            label: `${link.version.asset.name}:${link.version.version}`,
          }),
        ],
      ] as [string, () => TLineageNode][]) {
        if (nodes.has(id)) continue;
        if (nodes.size >= MAX_NODES) {
          isTruncated = true;
          continue;
        }
        nodes.set(id, make());
        if (!seen.has(id)) {
          seen.add(id);
          if (id.startsWith("run:")) next.runs.push(id.slice(4));
          else next.versions.push(id.slice(5));
        }
      }
      if (!nodes.has(runNode) || !nodes.has(dataNode)) continue;
      const [from, to] = link.direction === "input" ? [dataNode, runNode] : [runNode, dataNode];
      edges.set(`${from}>${to}>${link.name}`, { from, to, name: link.name });
    }
    frontier = next;
  }
  if (!nodes.has(root)) nodes.set(root, await rootNode(workspaceId, start));
  return { root, nodes: [...nodes.values()], edges: [...edges.values()], isTruncated };
}

/** The start, when nothing links to it yet. */
async function rootNode(workspaceId: string, start: TLineageStart): Promise<TLineageNode> {
  if ("runId" in start) {
    const run = await findRun(workspaceId, start.runId);
    return { id: `run:${run.id}`, kind: "run", runId: run.id, label: run.displayName, status: run.status };
  }
  const { asset, version } = await findDataVersion(workspaceId, start.ref);
  return {
    id: `data:${version.id}`,
    kind: "data",
    asset: asset.name,
    version: version.version,
    type: version.type,
    label: `${asset.name}:${version.version}`,
  };
}
