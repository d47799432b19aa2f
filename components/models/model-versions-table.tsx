"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { EditVersionForm } from "../data/edit-version-form";
import { VersionCreatedCell, VersionNotesCell } from "../data/version-cells";
import { formatBytes } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { AliasBadge } from "./alias-badge";
import { modelVersionHref } from "./model-links";

type TVersion = inferRouterOutputs<AppRouter>["models"]["byName"]["versions"][number];

/**
 * A model's versions, newest first, with checkboxes to compare and the actions the caller's role
 * allows: editing and archiving (model:write), deleting (model:delete).
 */
export function ModelVersionsTable({
  name,
  versions,
  selected,
  onToggle,
  editing,
  onEdit,
}: {
  name: string;
  versions: TVersion[];
  selected: ReadonlySet<number>;
  onToggle: (version: number) => void;
  editing: number | null;
  onEdit: (version: number | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("model:write");
  const canDelete = useCan("model:delete");
  const refresh = () => void queryClient.invalidateQueries(trpc.models.pathFilter());
  const archive = useMutation(trpc.models.archiveVersion.mutationOptions({ onSettled: refresh }));
  const restore = useMutation(trpc.models.restoreVersion.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.models.deleteVersion.mutationOptions({ onSettled: refresh }));
  const failure = archive.error ?? restore.error ?? remove.error;
  const edited = versions.find((v) => v.version === editing);
  const hasActions = canWrite || canDelete;

  return (
    <div>
      {failure ? <Notice tone="error">{errorMessage(failure)}</Notice> : null}
      <table aria-label="Versions" className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-2">
              <span className="sr-only">Compare</span>
            </th>
            <th className="py-2 pr-3">Version</th>
            <th className="py-2 pr-3">Type</th>
            <th className="py-2 pr-3">Aliases</th>
            <th className="py-2 pr-3">Source run</th>
            <th className="py-2 pr-3 text-right">Size</th>
            <th className="py-2 pr-3">Description and tags</th>
            <th className="py-2 pr-3">Created</th>
            {hasActions ? <th className="py-2" /> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {versions.map((v) => (
            <tr key={v.id} className={v.isArchived ? "text-slate-500" : undefined}>
              <td className="py-2 pr-2">
                <input
                  type="checkbox"
                  aria-label={`Compare ${v.ref}`}
                  checked={selected.has(v.version)}
                  onChange={() => onToggle(v.version)}
                />
              </td>
              <td className="py-2 pr-3">
                <Link
                  className="font-mono font-medium text-sky-700 hover:underline"
                  href={modelVersionHref(workspaceId, name, v.version)}
                >
                  {v.ref}
                </Link>
                {v.isArchived ? (
                  <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-[11px] text-slate-700">archived</span>
                ) : null}
              </td>
              <td className="py-2 pr-3 font-mono text-[11px]">{v.type}</td>
              <td className="py-2 pr-3">
                <span className="flex flex-wrap gap-1">
                  {v.aliases.map((a) => (
                    <AliasBadge key={a} alias={a} />
                  ))}
                </span>
              </td>
              <td className="py-2 pr-3 text-xs">
                {v.sourceRunId ? (
                  <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/runs/${v.sourceRunId}`}>
                    {v.sourcePath ?? "run"}
                  </Link>
                ) : (
                  <span className="text-slate-400">uploaded</span>
                )}
              </td>
              <td className="whitespace-nowrap py-2 pr-3 text-right font-mono text-xs">{formatBytes(v.totalSize)}</td>
              <VersionNotesCell description={v.description} tags={v.tags} />
              <VersionCreatedCell name={v.createdByName} at={v.createdAt} />
              {hasActions ? (
                <td className="py-2 text-right">
                  <span className="flex justify-end gap-1">
                    {canWrite ? (
                      <>
                        <Button variant="ghost" aria-label={`Edit ${v.ref}`} onClick={() => onEdit(v.version)}>
                          Edit
                        </Button>
                        <Button
                          variant="secondary"
                          aria-label={`${v.isArchived ? "Restore" : "Archive"} ${v.ref}`}
                          onClick={() =>
                            (v.isArchived ? restore : archive).mutate({
                              workspaceId,
                              name,
                              version: String(v.version),
                            })
                          }
                        >
                          {v.isArchived ? "Restore" : "Archive"}
                        </Button>
                      </>
                    ) : null}
                    {canDelete ? (
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete ${v.ref}`}
                        title={`Delete ${v.ref}?`}
                        question={`Its files and aliases go with it; jobs that name ${v.ref} will no longer find it.`}
                        onConfirm={() => remove.mutate({ workspaceId, name, version: String(v.version) })}
                      />
                    ) : null}
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
            source={{ kind: "model", name, version: edited.version }}
            description={edited.description}
            tags={edited.tags}
            onDone={() => onEdit(null)}
          />
        </div>
      ) : null}
    </div>
  );
}
