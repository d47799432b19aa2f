"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { assetHref } from "../data/data-links";
import { formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { projectHref } from "./labeling-links";
import { StatusBar } from "./progress-bar";
import { ProjectCreateForm } from "./project-create-form";
import { TASK_TYPE_LABELS } from "./task-types";

/** Labeling: the workspace's projects with their progress, and a form to start one from a data asset. */
export function LabelingProjectsPage() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("labeling:write");
  const projects = useQuery(trpc.labeling.list.queryOptions({ workspaceId }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Labeling</h1>
        <p className="mt-1 text-sm text-slate-600">
          Label images and text from your data assets as a team: assignment, review, agreement, and export of accepted
          labels as a new data version.
        </p>
      </div>
      <Section title="Projects">
        {projects.isError ? <Notice tone="error">{errorMessage(projects.error)}</Notice> : null}
        {projects.isPending ? (
          <p className="text-sm text-slate-500">Loading projects…</p>
        ) : projects.data?.length === 0 ? (
          <p className="text-sm text-slate-500">
            No labeling projects yet.{" "}
            {canWrite
              ? "Create one below from a data asset: a folder of images, text files, or CSV / JSONL rows."
              : "A Contributor or Data Scientist can create one."}
          </p>
        ) : (
          <table aria-label="Labeling projects" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Task</th>
                <th className="py-2 pr-3">Data</th>
                <th className="py-2 pr-3">Labels</th>
                <th className="py-2 pr-3">Progress</th>
                <th className="py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {projects.data?.map((p) => (
                <tr key={p.name}>
                  <td className="py-2 pr-3">
                    <Link className="font-medium text-sky-700 hover:underline" href={projectHref(workspaceId, p.name)}>
                      {p.name}
                    </Link>
                    {p.description ? <p className="max-w-xs truncate text-xs text-slate-500">{p.description}</p> : null}
                  </td>
                  <td className="py-2 pr-3 text-slate-700">{TASK_TYPE_LABELS[p.taskType]}</td>
                  <td className="py-2 pr-3">
                    <Link className="text-sky-700 hover:underline" href={assetHref(workspaceId, p.dataAssetName)}>
                      {p.dataAssetName}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {p.labels.slice(0, 8).map((l) => (
                        <span
                          key={l.name}
                          className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 text-xs"
                        >
                          <span className="h-2 w-2 rounded-full" style={{ background: l.color }} />
                          {l.name}
                        </span>
                      ))}
                      {p.labels.length > 8 ? (
                        <span className="text-xs text-slate-500">+{p.labels.length - 8}</span>
                      ) : null}
                    </div>
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBar counts={p.counts} />
                  </td>
                  <td className="py-2 text-xs text-slate-600">{formatTime(p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {canWrite ? (
        <Section
          title="Create a labeling project"
          description="Items come from a version of a data asset; newer versions can be added later."
        >
          <ProjectCreateForm />
        </Section>
      ) : null}
    </div>
  );
}
