"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { TagList } from "../data/tag-list";
import { formatTime } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { AliasBadge } from "./alias-badge";
import { modelHref, modelVersionHref } from "./model-links";
import { RegisterModelHelp } from "./register-model-help";

const SORTS = {
  lastVersion: { label: "Last version", orderBy: ["lastVersionAt DESC"] },
  name: { label: "Name", orderBy: ["name ASC"] },
  updated: { label: "Updated", orderBy: ["updatedAt DESC"] },
} as const;
type TSort = keyof typeof SORTS;

/** The workspace's registered models, each with its latest version, aliases and tags. */
export function ModelsPage() {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<TSort>("lastVersion");
  const models = useQuery(
    trpc.models.list.queryOptions({ workspaceId, orderBy: [...SORTS[sort].orderBy], limit: 1000 }),
  );
  const needle = search.trim().toLowerCase();
  const all = models.data?.models ?? [];
  const shown = all.filter((m) => m.name.toLowerCase().includes(needle));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Models</h1>
      <Section
        title="Registered models"
        description="Versioned models that jobs and endpoints use by name, as NAME:VERSION or NAME@ALIAS."
        actions={
          <div className="flex items-center gap-3 text-sm">
            <input
              aria-label="Search models"
              placeholder="Search by name…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
            />
            <label className="flex items-center gap-1 text-slate-600">
              Sort
              <select
                aria-label="Sort models"
                value={sort}
                onChange={(e) => setSort(e.target.value as TSort)}
                className="rounded border border-slate-300 px-2 py-1"
              >
                {Object.entries(SORTS).map(([key, s]) => (
                  <option key={key} value={key}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        }
      >
        {models.isError ? <Notice tone="error">{errorMessage(models.error)}</Notice> : null}
        {models.isPending ? (
          <p className="text-sm text-slate-500">Loading models…</p>
        ) : all.length === 0 ? (
          <RegisterModelHelp />
        ) : shown.length === 0 ? (
          <p className="text-sm text-slate-500">No model matches “{search}”.</p>
        ) : (
          <table aria-label="Registered models" className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">Name</th>
                <th className="py-2 pr-3">Latest</th>
                <th className="py-2 pr-3">Aliases</th>
                <th className="py-2 pr-3">Tags</th>
                <th className="py-2 pr-3">Last version</th>
                <th className="py-2">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((m) => (
                <tr key={m.id}>
                  <td className="py-2 pr-3">
                    <Link className="font-medium text-sky-700 hover:underline" href={modelHref(workspaceId, m.name)}>
                      {m.name}
                    </Link>
                    {m.description ? (
                      <p className="max-w-xs truncate text-xs text-slate-500">{m.description.split("\n")[0]}</p>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    {m.latestVersion === null ? (
                      "—"
                    ) : (
                      <Link
                        className="text-sky-700 hover:underline"
                        href={modelVersionHref(workspaceId, m.name, m.latestVersion)}
                      >
                        v{m.latestVersion}
                      </Link>
                    )}
                    <span className="text-slate-400"> of {m.versionCount}</span>
                  </td>
                  <td className="py-2 pr-3">
                    <span className="flex flex-wrap gap-1">
                      {m.aliases.length
                        ? m.aliases.map((a) => <AliasBadge key={a.alias} alias={a.alias} version={a.version} />)
                        : "—"}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    <TagList tags={m.tags} />
                  </td>
                  <td className="py-2 pr-3 text-xs text-slate-600">{formatTime(m.lastVersionAt)}</td>
                  <td className="py-2 text-xs text-slate-600">{formatTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
