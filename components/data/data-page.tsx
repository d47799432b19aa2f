"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatBytes, formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { assetHref } from "./data-links";
import { DataTypeBadge } from "./data-type-badge";
import { TagList } from "./tag-list";

/** The workspace's data assets, each with its latest version. */
export function DataPage() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("data:write");
  const [search, setSearch] = useState("");
  const [isArchivedIncluded, setIsArchivedIncluded] = useState(false);
  const assets = useQuery(trpc.data.list.queryOptions({ workspaceId, isArchivedIncluded }));
  const needle = search.trim().toLowerCase();
  const shown = (assets.data ?? []).filter((a) => a.name.toLowerCase().includes(needle));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Data</h1>
        {canWrite ? (
          <Link
            className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
            href={`/w/${workspaceId}/data/new`}
          >
            Create data asset
          </Link>
        ) : null}
      </div>
      <Section
        title="Data assets"
        description="Versioned files and tables that jobs read by name, as NAME:VERSION or NAME@latest."
        actions={
          <div className="flex items-center gap-3 text-sm">
            <input
              aria-label="Search data assets"
              placeholder="Search by name…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
            />
            <label className="flex items-center gap-1 text-slate-600">
              <input
                type="checkbox"
                checked={isArchivedIncluded}
                onChange={(e) => setIsArchivedIncluded(e.target.checked)}
              />
              Archived too
            </label>
          </div>
        }
      >
        {assets.isError ? <Notice tone="error">{errorMessage(assets.error)}</Notice> : null}
        {assets.isPending ? (
          <p className="text-sm text-slate-500">Loading data assets…</p>
        ) : shown.length === 0 ? (
          <p className="text-sm text-slate-500">
            {needle ? `No data asset matches “${search}”.` : "No data assets yet."}
          </p>
        ) : (
          <table aria-label="Data assets" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Latest</th>
                <th className="py-2 pr-3">Type</th>
                <th className="py-2 pr-3 text-right">Size</th>
                <th className="py-2 pr-3 text-right">Files</th>
                <th className="py-2 pr-3">Tags</th>
                <th className="py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((a) => (
                <tr key={a.id}>
                  <td className="py-2 pr-3">
                    <Link className="font-medium text-sky-700 hover:underline" href={assetHref(workspaceId, a.name)}>
                      {a.name}
                    </Link>
                    {a.description ? <p className="text-xs text-slate-500">{a.description}</p> : null}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    v{a.latest.version}
                    <span className="text-slate-400"> of {a.versionCount}</span>
                  </td>
                  <td className="py-2 pr-3">
                    <DataTypeBadge type={a.latest.type} />
                  </td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">{formatBytes(a.latest.totalSize)}</td>
                  <td className="py-2 pr-3 text-right font-mono text-xs">{a.latest.fileCount}</td>
                  <td className="py-2 pr-3">
                    <TagList tags={a.latest.tags} />
                  </td>
                  <td className="py-2 text-xs text-slate-600">{formatTime(a.latest.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
