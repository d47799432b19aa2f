"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import Link from "next/link";
import { versionHref } from "../data/data-links";
import { batchEndpointHref, onlineEndpointHref } from "../endpoints/endpoint-links";
import { modelVersionHref } from "../models/model-links";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { layoutLineage } from "./lineage-layout";

const NODE_W = 190;
const NODE_H = 46;
const GAP_X = 70;
const GAP_Y = 18;
const PAD = 8;

type TLineageNode = inferRouterOutputs<AppRouter>["lineage"]["graph"]["nodes"][number];
type TStart = { runId: string } | { asset: string; version: number } | { model: string; version: number };

/** How each kind of box reads: its colours, its accessible name and its second line. */
const KIND = {
  run: { box: "fill-sky-50 stroke-sky-400 hover:fill-sky-100", name: "Run" },
  data: { box: "fill-emerald-50 stroke-emerald-400 hover:fill-emerald-100", name: "Data" },
  model: { box: "fill-violet-50 stroke-violet-400 hover:fill-violet-100", name: "Model" },
  deployment: { box: "fill-amber-50 stroke-amber-400 hover:fill-amber-100", name: "Deployment" },
} as const;

/**
 * Where the bytes came from and went, around one run, data version or model version: data → run →
 * data or model → deployment, left to right. Drawn as SVG, not a chart, so every box is a link to
 * its page (a deployment's to its endpoint's).
 */
export function LineageDiagram({ start }: { start: TStart }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const graph = useQuery(
    trpc.lineage.graph.queryOptions({
      workspaceId,
      ...("runId" in start
        ? { runId: start.runId }
        : "model" in start
          ? { model: start.model, version: String(start.version) }
          : { asset: start.asset, version: String(start.version) }),
      depth: 4,
    }),
  );
  if (graph.isPending) return <div className="h-24 animate-pulse rounded bg-slate-100" />;
  if (graph.isError) return <p className="text-sm text-red-700">{graph.error.message}</p>;
  const { placed, columns, rows } = layoutLineage(graph.data.nodes, graph.data.edges);
  if (graph.data.edges.length === 0)
    return <p className="text-sm text-slate-500">No lineage yet: no job has read or made data or models here.</p>;
  const at = new Map(
    placed.map((p) => [p.id, { x: PAD + p.column * (NODE_W + GAP_X), y: PAD + p.row * (NODE_H + GAP_Y) }]),
  );
  const width = PAD * 2 + columns * NODE_W + (columns - 1) * GAP_X;
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * GAP_Y;
  return (
    <div className="overflow-x-auto">
      <svg width={width} height={height} role="img" aria-label="Lineage graph" className="text-xs">
        <defs>
          <marker
            id="lineage-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="fill-slate-400" />
          </marker>
        </defs>
        {graph.data.edges.map((e) => {
          const from = at.get(e.from);
          const to = at.get(e.to);
          if (!from || !to) return null;
          const [x1, y1, x2, y2] = [from.x + NODE_W, from.y + NODE_H / 2, to.x, to.y + NODE_H / 2];
          const mid = (x1 + x2) / 2;
          return (
            <g key={`${e.from}>${e.to}>${e.name}`}>
              <path
                d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 2},${y2}`}
                className="fill-none stroke-slate-400"
                strokeWidth={1.5}
                markerEnd="url(#lineage-arrow)"
              />
              <text x={mid} y={(y1 + y2) / 2 - 4} textAnchor="middle" className="fill-slate-500">
                {e.name}
              </text>
            </g>
          );
        })}
        {placed.map((n) => {
          const { x, y } = at.get(n.id)!;
          const isRoot = n.id === graph.data.root;
          const href =
            n.kind === "run"
              ? `/w/${workspaceId}/runs/${n.runId}`
              : n.kind === "data"
                ? versionHref(workspaceId, n.asset, n.version)
                : n.kind === "model"
                  ? modelVersionHref(workspaceId, n.model, n.version)
                  : n.endpointType === "online"
                    ? onlineEndpointHref(workspaceId, n.endpoint)
                    : batchEndpointHref(workspaceId, n.endpoint);
          return (
            <Link key={n.id} href={href} aria-label={`${KIND[n.kind].name} ${n.label}`}>
              {/* The whole label on hover, since the box clips a long one. */}
              <title>{n.label}</title>
              <rect
                x={x}
                y={y}
                width={NODE_W}
                height={NODE_H}
                rx={8}
                className={KIND[n.kind].box}
                strokeWidth={isRoot ? 2.5 : 1}
              />
              <text x={x + 10} y={y + 19} className="fill-slate-800 font-medium">
                {clip(n.label, 26)}
              </text>
              <text x={x + 10} y={y + 35} className="fill-slate-500">
                {secondLine(n)}
              </text>
            </Link>
          );
        })}
      </svg>
      {graph.data.isTruncated ? (
        <p className="mt-1 text-xs text-slate-500">Only the nearest 200 nodes are shown.</p>
      ) : null}
    </div>
  );
}

function secondLine(n: TLineageNode): string {
  if (n.kind === "run") return `run · ${n.status}`;
  if (n.kind === "deployment") return `${n.endpointType} deployment${n.state ? ` · ${n.state}` : ""}`;
  return `${n.kind} · ${n.type}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
