import { db } from "../../db";
import { AppError } from "../../errors";
import { findDataVersion } from "../data/find-data-version";
import { findModelVersion } from "../models/find-model";
import { findRun } from "../runs/find-run";

export type TLineageNode =
  | { id: string; kind: "run"; runId: string; label: string; status: string }
  | { id: string; kind: "data"; asset: string; version: number; type: string; label: string }
  | { id: string; kind: "model"; model: string; version: number; type: string; label: string }
  | {
      id: string;
      kind: "deployment";
      endpointType: "online" | "batch";
      endpoint: string;
      deployment: string;
      /** An online deployment's state; null for a batch deployment, which runs only when invoked. */
      state: string | null;
      label: string;
    };
export type TLineageEdge = { from: string; to: string; name: string };
export type TLineageGraph = { root: string; nodes: TLineageNode[]; edges: TLineageEdge[]; isTruncated: boolean };

export type TLineageStart = { runId: string } | { ref: string } | { modelRef: string };

const MAX_NODES = 200;
const MAX_DEPTH = 6;
/** The edge from a run to a model version registered from its outputs. */
export const REGISTERED_EDGE = "registered";
/** The edge from a model version to an online or batch deployment that serves it. */
export const DEPLOYED_EDGE = "deployed";

type TFrontier = { runs: string[]; versions: string[]; models: string[] };
type TRunRow = { id: string; displayName: string; status: string };
type TModelVersionRow = { id: string; version: number; type: string; model: { name: string } };

const runNodeOf = (run: TRunRow): TLineageNode => ({
  id: `run:${run.id}`,
  kind: "run",
  runId: run.id,
  label: run.displayName,
  status: run.status,
});

const modelNodeOf = (v: TModelVersionRow): TLineageNode => ({
  id: `model:${v.id}`,
  kind: "model",
  model: v.model.name,
  version: v.version,
  type: v.type,
  label: `${v.model.name}:${v.version}`,
});

const deploymentNodeOf = (
  endpointType: "online" | "batch",
  d: { id: string; name: string; endpoint: { name: string }; state?: string },
): TLineageNode => ({
  id: `deployment:${endpointType}:${d.id}`,
  kind: "deployment",
  endpointType,
  endpoint: d.endpoint.name,
  deployment: d.name,
  state: d.state ?? null,
  label: `${d.endpoint.name}/${d.name}`,
});

/**
 * Where a run's, a data version's or a model version's bytes came from and went: data version →
 * run (it read it) → data version (it made it) or model version (registered from its outputs) →
 * run (it read the model) or the online and batch deployments that serve it, followed both ways
 * from the start, `depth` hops at most and MAX_NODES nodes. Deleted runs are left out, so the
 * graph shows what a user can open; model versions only for callers who may read models, and
 * deployments only for those who may also read endpoints. Deployments end the graph: what they
 * score is not lineage.
 */
export async function lineageGraph(
  workspaceId: string,
  start: TLineageStart,
  depth = 3,
  options: { isModelIncluded: boolean; isEndpointIncluded: boolean } = {
    isModelIncluded: true,
    isEndpointIncluded: true,
  },
): Promise<TLineageGraph> {
  if (depth < 1 || depth > MAX_DEPTH) throw new AppError("BAD_REQUEST", `depth is between 1 and ${MAX_DEPTH}`);
  const nodes = new Map<string, TLineageNode>();
  const edges = new Map<string, TLineageEdge>();
  const rootNode = await startNode(workspaceId, start);
  const root = rootNode.id;
  let frontier: TFrontier = { runs: [], versions: [], models: [] };
  if (rootNode.kind === "run") frontier.runs.push(rootNode.runId);
  else if (rootNode.kind === "data") frontier.versions.push(root.slice("data:".length));
  else frontier.models.push(root.slice("model:".length));
  const seen = new Set<string>([root]);
  let isTruncated = false;
  let next: TFrontier = { runs: [], versions: [], models: [] };
  /** Adds a node unless the graph is full; a node first seen here is followed on the next hop. */
  const add = (node: TLineageNode): boolean => {
    if (nodes.has(node.id)) return true;
    if (nodes.size >= MAX_NODES) {
      isTruncated = true;
      return false;
    }
    nodes.set(node.id, node);
    if (node.kind !== "deployment" && !seen.has(node.id)) {
      seen.add(node.id);
      const [kind, id] = [node.kind, node.id.slice(node.id.indexOf(":") + 1)];
      (kind === "run" ? next.runs : kind === "data" ? next.versions : next.models).push(id);
    }
    return true;
  };
  const link = (from: string, to: string, name: string) => edges.set(`${from}>${to}>${name}`, { from, to, name });

  for (
    let hop = 0;
    hop < depth && (frontier.runs.length || frontier.versions.length || frontier.models.length);
    hop++
  ) {
    next = { runs: [], versions: [], models: [] };
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
    for (const l of links) {
      const hasRun = add(runNodeOf(l.run));
      const hasData = add({
        id: `data:${l.versionId}`,
        kind: "data",
        asset: l.version.asset.name,
        version: l.version.version,
        type: l.version.type,
        label: `${l.version.asset.name}:${l.version.version}`,
      });
      if (!hasRun || !hasData) continue;
      const [runNode, dataNode] = [`run:${l.runId}`, `data:${l.versionId}`];
      if (l.direction === "input") link(dataNode, runNode, l.name);
      else link(runNode, dataNode, l.name);
    }
    if (options.isModelIncluded && (frontier.runs.length || frontier.models.length)) {
      const versions = await db().modelVersion.findMany({
        where: {
          model: { workspaceId },
          OR: [{ sourceRunId: { in: frontier.runs } }, { id: { in: frontier.models } }],
        },
        include: {
          model: { select: { name: true } },
          sourceRun: { select: { id: true, displayName: true, status: true, deletedAt: true } },
        },
        orderBy: [{ createdAt: "asc" }],
      });
      for (const v of versions) {
        const modelNode = `model:${v.id}`;
        if (!add(modelNodeOf(v)) || !v.sourceRun || v.sourceRun.deletedAt) continue;
        if (add(runNodeOf(v.sourceRun))) link(`run:${v.sourceRun.id}`, modelNode, REGISTERED_EDGE);
      }
      // Jobs that read a model version as an input, pinned at submission.
      const reads = await db().runModelInput.findMany({
        where: {
          run: { workspaceId, deletedAt: null },
          version: { model: { workspaceId } },
          OR: [{ runId: { in: frontier.runs } }, { versionId: { in: frontier.models } }],
        },
        include: {
          run: { select: { id: true, displayName: true, status: true } },
          version: { include: { model: { select: { name: true } } } },
        },
        orderBy: { createdAt: "asc" },
      });
      for (const r of reads)
        if (add(modelNodeOf(r.version)) && add(runNodeOf(r.run)))
          link(`model:${r.versionId}`, `run:${r.runId}`, r.name);
    }
    if (options.isModelIncluded && options.isEndpointIncluded && frontier.models.length) {
      const where = { modelVersionId: { in: frontier.models }, endpoint: { workspaceId } };
      const select = { id: true, name: true, modelVersionId: true, endpoint: { select: { name: true } } };
      const [online, batch] = await Promise.all([
        db().onlineDeployment.findMany({ where, select: { ...select, state: true }, orderBy: { createdAt: "asc" } }),
        db().batchDeployment.findMany({ where, select, orderBy: { createdAt: "asc" } }),
      ]);
      const deployments = [
        ...online.map((d) => ({ row: d, node: deploymentNodeOf("online", d) })),
        ...batch.map((d) => ({ row: d, node: deploymentNodeOf("batch", d) })),
      ];
      for (const { row, node } of deployments)
        if (add(node)) link(`model:${row.modelVersionId}`, node.id, DEPLOYED_EDGE);
    }
    frontier = next;
  }
  if (!nodes.has(root)) nodes.set(root, rootNode);
  return { root, nodes: [...nodes.values()], edges: [...edges.values()], isTruncated };
}

/** The start as a node, which is also what the graph shows when nothing links to it yet. */
async function startNode(workspaceId: string, start: TLineageStart): Promise<TLineageNode> {
  if ("runId" in start) return runNodeOf(await findRun(workspaceId, start.runId));
  if ("modelRef" in start) {
    const { model, version } = await findModelVersion(workspaceId, start.modelRef);
    return modelNodeOf({ ...version, model });
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
