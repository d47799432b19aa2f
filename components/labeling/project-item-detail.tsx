"use client";

import { useQuery } from "@tanstack/react-query";
import { formatTime } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import type { TProject } from "./project-types";
import { resultSummary } from "./result-summary";

/** One item: its image or text, everyone's labels, their agreement and consensus, and its history. */
export function ProjectItemDetail({ project, itemId, onClose }: { project: TProject; itemId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const detail = useQuery(trpc.labeling.item.queryOptions({ workspaceId, name: project.name, itemId }));
  const d = detail.data;
  return (
    <Section
      title={d ? `Item ${d.item.key}` : "Item"}
      actions={
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      {detail.isError ? <Notice tone="error">{errorMessage(detail.error)}</Notice> : null}
      {!d ? (
        <p className="text-sm text-slate-500">Loading the item…</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div>
            {d.item.error ? <Notice tone="error">{d.item.error}</Notice> : null}
            {d.item.mediaUrl ? (
              <img src={d.item.mediaUrl} alt={d.item.key} className="max-h-80 rounded border border-slate-200" />
            ) : (
              <p className="max-h-80 overflow-auto whitespace-pre-wrap rounded border border-slate-200 p-2 text-sm">{d.item.text}</p>
            )}
            {d.item.width ? (
              <p className="mt-1 text-xs text-slate-500">
                {d.item.width}×{d.item.height} px
              </p>
            ) : null}
          </div>
          <div className="space-y-3 text-sm">
            <div>
              <h3 className="font-semibold text-slate-800">Labels</h3>
              {d.annotations.length === 0 ? <p className="text-slate-500">Nobody has worked on it yet.</p> : null}
              <ul className="mt-1 space-y-1">
                {d.annotations.map((a) => (
                  <li key={a.id}>
                    <span className="text-slate-600">{a.email}</span> · <span className="font-medium">{a.state}</span>
                    {a.result ? ` · ${resultSummary(a.result)}` : ""}
                    {a.skipReason ? ` · skipped: ${a.skipReason}` : ""}
                    {a.reviewComment ? <span className="block text-xs text-amber-800">Reviewer: {a.reviewComment}</span> : null}
                  </li>
                ))}
              </ul>
              {d.agreement !== null ? (
                <p className="mt-1 text-slate-700">
                  Agreement {Math.round(d.agreement * 100)}% · consensus {resultSummary(d.consensus?.result ?? null)} (
                  {Math.round((d.consensus?.support ?? 0) * 100)}% support)
                </p>
              ) : null}
            </div>
            <div>
              <h3 className="font-semibold text-slate-800">History</h3>
              <ol aria-label="Item history" className="mt-1 space-y-0.5 text-xs text-slate-600">
                {d.history.map((h, i) => (
                  <li key={i}>
                    {formatTime(h.at)} · {h.email ?? "—"} · <span className="font-medium text-slate-800">{h.kind}</span>
                    {h.result ? ` · ${resultSummary(h.result)}` : ""}
                    {h.comment ? ` · ${h.comment}` : ""}
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </div>
      )}
    </Section>
  );
}
