"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { TExportFormat } from "@/server/services/labeling/export-formats";
import { versionHref } from "../data/data-links";
import { formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import type { TWorkbenchProject as TProject } from "./workbench/workbench-types";

const FORMAT_LABELS: Record<TExportFormat, string> = {
  coco: "COCO JSON",
  csv: "CSV",
  jsonl: "JSON Lines",
};

/** Accepted labels written as a new data version in the background; running exports show their progress. */
export function ProjectExport({ project }: { project: TProject }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("labeling:write");
  const formats = project.exportFormats;
  const [format, setFormat] = useState<TExportFormat>(formats[0]!);
  const [assetName, setAssetName] = useState(`${project.name}-labels`);
  const exports = useQuery({
    ...trpc.labeling.exports.queryOptions({ workspaceId, name: project.name }),
    refetchInterval: (query) =>
      query.state.data?.some((e) => e.status === "queued" || e.status === "running") ? 1000 : false,
  });
  const start = useMutation(
    trpc.labeling.export.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.labeling.exports.pathFilter()),
    }),
  );
  return (
    <div className="space-y-4">
      {canWrite ? (
        <Section
          title="Export accepted labels"
          description="Writes them as the next version of a data asset, which jobs can read."
        >
          <form
            aria-label="Export labels"
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              start.mutate({ workspaceId, name: project.name, format, assetName });
            }}
          >
            <div className="w-44">
              <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as TExportFormat)}>
                {formats.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="w-64">
              <TextField label="Data asset" value={assetName} onChange={(e) => setAssetName(e.target.value)} />
            </div>
            <Button type="submit" disabled={start.isPending}>
              {start.isPending ? "Starting…" : "Export"}
            </Button>
          </form>
          {start.error ? (
            <div className="mt-3">
              <Notice tone="error">{errorMessage(start.error)}</Notice>
            </div>
          ) : null}
        </Section>
      ) : null}
      <Section title="Exports">
        {exports.data?.length === 0 ? <p className="text-sm text-slate-500">No exports yet.</p> : null}
        <ul aria-label="Exports" className="divide-y divide-slate-100 text-sm">
          {exports.data?.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="w-40 text-xs text-slate-500">{formatTime(e.createdAt)}</span>
              <span className="w-24">{FORMAT_LABELS[e.format as TExportFormat] ?? e.format}</span>
              <div className="w-48">
                <div
                  className="h-2 overflow-hidden rounded bg-slate-100"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={e.total}
                  aria-valuenow={e.done}
                >
                  <div
                    className={e.status === "failed" ? "h-2 bg-red-500" : "h-2 bg-emerald-600"}
                    style={{ width: `${e.total ? (100 * e.done) / e.total : 0}%` }}
                  />
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  {e.done} / {e.total} items · {e.status}
                </p>
              </div>
              {e.dataVersion ? (
                <Link
                  className="text-sky-700 hover:underline"
                  href={versionHref(workspaceId, e.assetName, e.dataVersion)}
                >
                  {e.assetName}:{e.dataVersion}
                </Link>
              ) : null}
              {e.error ? <span className="text-xs text-red-700">{e.error}</span> : null}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
