"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatTime } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import type { TWorkbenchProject as TProject } from "./workbench/workbench-types";
import { resultSummary } from "./result-summary";
import { ItemStage } from "./workbench/item-stage";

/** One item: its image or text, everyone's labels, their agreement and consensus, and its history. */
export function ProjectItemDetail({
  project,
  itemId,
  onClose,
}: {
  project: TProject;
  itemId: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const detail = useQuery(trpc.labeling.item.queryOptions({ workspaceId, name: project.name, itemId }));
  const d = detail.data;
  const [shown, setShown] = useState("consensus");
  const shownOptions = [
    ...(d?.consensus ? [{ value: "consensus", label: "Consensus", result: d.consensus.result }] : []),
    ...(d?.annotations ?? [])
      .filter((a) => a.result)
      .map((a) => ({ value: a.id, label: `${a.email} (${a.state})`, result: a.result! })),
  ];
  const shownResult = (shownOptions.find((o) => o.value === shown) ?? shownOptions[0])?.result ?? {};
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
            {shownOptions.length > 1 ? (
              <div className="mb-2 w-72">
                <SelectField label="Show labels of" value={shown} onChange={(e) => setShown(e.target.value)}>
                  {shownOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </SelectField>
              </div>
            ) : null}
            <div className="h-80 rounded border border-slate-200">
              <ItemStage project={project} item={d.item} result={shownResult} isReadOnly />
            </div>
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
                    {a.reviewComment ? (
                      <span className="block text-xs text-amber-800">Reviewer: {a.reviewComment}</span>
                    ) : null}
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
