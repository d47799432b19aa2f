"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

type TSort = "lastActivity" | "name" | "runs";

export function ExperimentsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("experiment:write");
  const canSubmit = useCan("run:submit");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<TSort>("lastActivity");
  const [isArchived, setIsArchived] = useState(false);
  const [name, setName] = useState("");
  const experiments = useQuery({
    ...trpc.experiments.list.queryOptions({ workspaceId, search: search || undefined, isArchived }),
    refetchInterval: 10_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.experiments.list.pathKey() });
  const create = useMutation(
    trpc.experiments.create.mutationOptions({
      onSuccess: () => {
        setName("");
        void refresh();
      },
    }),
  );
  const update = useMutation(trpc.experiments.update.mutationOptions({ onSettled: refresh }));
  const purge = useMutation(trpc.experiments.purge.mutationOptions({ onSettled: refresh }));
  const sorted = useMemo(() => {
    const list = [...(experiments.data ?? [])];
    if (sort === "name") list.sort((a, b) => a.name.localeCompare(b.name));
    else if (sort === "runs") list.sort((a, b) => b.runCount - a.runCount);
    else list.sort((a, b) => new Date(b.lastActivityAt).getTime() - new Date(a.lastActivityAt).getTime());
    return list;
  }, [experiments.data, sort]);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Experiments</h1>
        {canSubmit ? (
          <Link
            className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
            href={`/w/${workspaceId}/jobs/new`}
          >
            Submit a job
          </Link>
        ) : null}
      </div>
      <Section
        title={isArchived ? "Archived experiments" : "Experiments"}
        actions={
          <div className="flex items-center gap-3 text-sm">
            <input
              aria-label="Search experiments"
              placeholder="Search…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
            />
            <label className="flex items-center gap-1">
              Sort
              <select
                aria-label="Sort experiments"
                className="rounded border border-slate-300 px-2 py-1"
                value={sort}
                onChange={(e) => setSort(e.target.value as TSort)}
              >
                <option value="lastActivity">Last activity</option>
                <option value="name">Name</option>
                <option value="runs">Run count</option>
              </select>
            </label>
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={isArchived} onChange={(e) => setIsArchived(e.target.checked)} /> Archived
            </label>
          </div>
        }
      >
        {experiments.isError ? <Notice tone="error">{errorMessage(experiments.error)}</Notice> : null}
        {purge.isError ? <Notice tone="error">{errorMessage(purge.error)}</Notice> : null}
        {!sorted.length ? (
          <p className="text-sm text-slate-500">
            {experiments.isPending
              ? "Loading…"
              : "No experiments yet. Runs logged with the SDK or the API create them."}
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Runs</th>
                <th className="py-1 font-medium">Last activity</th>
                <th className="py-1 font-medium">Created</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sorted.map((e) => (
                <tr key={e.id}>
                  <td className="py-1.5">
                    <Link
                      className="font-medium text-sky-700 hover:underline"
                      href={`/w/${workspaceId}/experiments/${e.id}`}
                    >
                      {e.name}
                    </Link>
                  </td>
                  <td className="py-1.5 tabular-nums">{e.runCount}</td>
                  <td className="py-1.5 text-slate-600">{new Date(e.lastActivityAt).toLocaleString()}</td>
                  <td className="py-1.5 text-slate-600">{new Date(e.createdAt).toLocaleDateString()}</td>
                  <td className="py-1.5 text-right">
                    {canWrite ? (
                      <Button
                        variant="ghost"
                        onClick={() => update.mutate({ workspaceId, experimentId: e.id, isArchived: !e.isArchived })}
                      >
                        {e.isArchived ? "Restore" : "Archive"}
                      </Button>
                    ) : null}
                    {canWrite && e.isArchived ? (
                      <Button
                        variant="danger"
                        onClick={() => {
                          if (
                            window.confirm(
                              `Delete '${e.name}' for good, with its ${e.runCount} runs, their metrics and files?`,
                            )
                          )
                            purge.mutate({ workspaceId, experimentId: e.id });
                        }}
                      >
                        Delete permanently
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {canWrite ? (
        <Section title="New experiment">
          <form
            className="flex items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ workspaceId, name });
            }}
          >
            <div className="flex-1">
              <TextField label="Experiment name" value={name} onChange={(e) => setName(e.target.value)} required />
            </div>
            <Button type="submit" disabled={create.isPending}>
              Create experiment
            </Button>
          </form>
          {create.isError ? (
            <div className="mt-2">
              <Notice tone="error">{errorMessage(create.error)}</Notice>
            </div>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
