"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatBytes } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { versionHref } from "./data-links";
import { DataTypeBadge } from "./data-type-badge";
import { EditVersionForm } from "./edit-version-form";
import { VersionCreatedCell, VersionNotesCell } from "./version-cells";

/** One data asset: its versions, with editing and archiving for roles that may change data. */
export function DataAssetPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("data:write");
  const [editing, setEditing] = useState<number | null>(null);
  const asset = useQuery(trpc.data.byName.queryOptions({ workspaceId, name }));
  const refresh = () => void queryClient.invalidateQueries(trpc.data.pathFilter());
  const archive = useMutation(trpc.data.archive.mutationOptions({ onSettled: refresh }));
  const restore = useMutation(trpc.data.restore.mutationOptions({ onSettled: refresh }));
  if (asset.isPending) return <p className="text-sm text-slate-500">Loading data asset…</p>;
  if (asset.isError) return <Notice tone="error">{errorMessage(asset.error)}</Notice>;
  const a = asset.data;
  const edited = a.versions.find((v) => v.version === editing);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-end justify-between">
        <div>
          <p className="text-sm text-slate-500">
            <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/data`}>
              Data
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{a.name}</h1>
          {a.description ? <p className="mt-1 text-slate-600">{a.description}</p> : null}
        </div>
        {canWrite ? (
          <Link
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            href={`/w/${workspaceId}/data/new`}
          >
            Upload a new version
          </Link>
        ) : null}
      </div>
      <Section title="Versions" description="Versions never change; archiving hides one from lists and @latest.">
        {archive.error || restore.error ? (
          <Notice tone="error">{errorMessage(archive.error ?? restore.error)}</Notice>
        ) : null}
        <table aria-label="Versions" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-3">Version</th>
              <th className="py-2 pr-3">Type</th>
              <th className="py-2 pr-3 text-right">Size</th>
              <th className="py-2 pr-3 text-right">Files</th>
              <th className="py-2 pr-3">Digest</th>
              <th className="py-2 pr-3">Description and tags</th>
              <th className="py-2 pr-3">Created</th>
              {canWrite ? <th className="py-2" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {a.versions.map((v) => (
              <tr key={v.id} className={v.isArchived ? "text-slate-500" : undefined}>
                <td className="py-2 pr-3">
                  <Link
                    className="font-mono font-medium text-sky-700 hover:underline"
                    href={versionHref(workspaceId, a.name, v.version)}
                  >
                    {a.name}:{v.version}
                  </Link>
                  {v.isArchived ? (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-[11px] text-slate-700">archived</span>
                  ) : null}
                </td>
                <td className="py-2 pr-3">
                  <DataTypeBadge type={v.type} />
                </td>
                <td className="py-2 pr-3 text-right font-mono text-xs">{formatBytes(v.totalSize)}</td>
                <td className="py-2 pr-3 text-right font-mono text-xs">{v.fileCount}</td>
                <td className="py-2 pr-3 font-mono text-xs" title={v.digest}>
                  {v.digest.slice(0, 12)}
                </td>
                <VersionNotesCell description={v.description} tags={v.tags} />
                <VersionCreatedCell name={v.createdByName} at={v.createdAt} />
                {canWrite ? (
                  <td className="py-2 text-right">
                    <span className="flex justify-end gap-1">
                      <Button variant="ghost" onClick={() => setEditing(v.version)}>
                        Edit
                      </Button>
                      {v.isArchived ? (
                        <Button
                          variant="secondary"
                          aria-label={`Restore ${a.name}:${v.version}`}
                          onClick={() => restore.mutate({ workspaceId, name: a.name, version: String(v.version) })}
                        >
                          Restore
                        </Button>
                      ) : (
                        <Button
                          variant="danger"
                          aria-label={`Archive ${a.name}:${v.version}`}
                          onClick={() => archive.mutate({ workspaceId, name: a.name, version: String(v.version) })}
                        >
                          Archive
                        </Button>
                      )}
                    </span>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {edited ? (
          <div className="mt-4">
            <EditVersionForm
              key={edited.id}
              source={{ kind: "data", name: a.name, version: edited.version }}
              description={edited.description}
              tags={edited.tags}
              onDone={() => setEditing(null)}
            />
          </div>
        ) : null}
      </Section>
    </div>
  );
}
