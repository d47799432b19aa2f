"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { versionHref } from "../data/data-links";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { MarkdownText } from "../ui/markdown";
import { Notice } from "../ui/notice";
import { TabBar } from "../ui/tab-bar";
import { labelHref, reviewHref } from "./labeling-links";
import { ProjectDashboard } from "./project-dashboard";
import { ProjectExport } from "./project-export";
import { ProjectItems } from "./project-items";
import { ProjectSettings } from "./project-settings";
import { TASK_TYPE_LABELS } from "./task-types";

const TABS = ["Dashboard", "Items", "Export", "Settings"] as const;
type TTab = (typeof TABS)[number];

/** A labeling project: start labeling or reviewing, its dashboard, items, exports and settings. */
export function ProjectPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canLabel = useCan("labeling:label");
  const canReview = useCan("labeling:review");
  const canWrite = useCan("labeling:write");
  const [tab, setTab] = useState<TTab>("Dashboard");
  const project = useQuery(trpc.labeling.byName.queryOptions({ workspaceId, name }));
  if (project.isError) return <Notice tone="error">{errorMessage(project.error)}</Notice>;
  if (!project.data) return <p className="text-sm text-slate-500">Loading project…</p>;
  const p = project.data;
  // Readers see progress and exports; the items' labels are for reviewers and managers.
  const tabs = TABS.filter((t) => (t === "Items" ? canReview : t === "Settings" ? canWrite : true));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link className="hover:underline" href={`/w/${workspaceId}/labeling`}>
              Labeling
            </Link>{" "}
            / {TASK_TYPE_LABELS[p.taskType]}
            {p.multiLabel ? " (multi-label)" : ""}
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{p.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {p.counts.total} items from{" "}
            {p.sources.map((s, i) => (
              <span key={s.version}>
                {i > 0 ? ", " : ""}
                <Link
                  className="text-sky-700 hover:underline"
                  href={versionHref(workspaceId, p.dataAssetName, s.version)}
                >
                  {p.dataAssetName}:{s.version}
                </Link>
              </span>
            ))}
            {" · "}
            {p.overlap} labeler{p.overlap > 1 ? "s" : ""} per item
          </p>
          {p.description ? <p className="mt-1 text-sm text-slate-600">{p.description}</p> : null}
        </div>
        <div className="flex gap-2">
          {canLabel ? (
            <Link
              className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
              href={labelHref(workspaceId, p.name)}
            >
              Start labeling
            </Link>
          ) : null}
          {canReview ? (
            <Link
              className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
              href={reviewHref(workspaceId, p.name)}
            >
              Review ({p.counts.needsReview})
            </Link>
          ) : null}
        </div>
      </div>
      {p.instructions ? (
        <details className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">Instructions</summary>
          <div className="mt-2">
            <MarkdownText text={p.instructions} />
          </div>
        </details>
      ) : null}
      <TabBar label="Project views" tabs={tabs} current={tab} onSelect={setTab} />
      <div role="tabpanel" aria-label={tab}>
        {tab === "Dashboard" ? <ProjectDashboard project={p} /> : null}
        {tab === "Items" ? <ProjectItems project={p} /> : null}
        {tab === "Export" ? <ProjectExport project={p} /> : null}
        {tab === "Settings" ? <ProjectSettings project={p} /> : null}
      </div>
    </div>
  );
}
