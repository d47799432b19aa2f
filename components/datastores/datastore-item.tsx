"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { DatastoreForm } from "./datastore-form";
import { datastoreTarget, type TDatastoreRow } from "./datastore-types";

export function DatastoreItem({ datastore: d, onChanged }: { datastore: TDatastoreRow; onChanged: () => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canManage = useCan("datastore:manage");
  const [isEditing, setIsEditing] = useState(false);
  const test = useMutation(trpc.datastores.test.mutationOptions());
  const setDefault = useMutation(trpc.datastores.setDefault.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.datastores.delete.mutationOptions({ onSuccess: onChanged }));
  const error = setDefault.error ?? remove.error ?? test.error;
  const ids = { workspaceId, datastoreId: d.id };

  return (
    <li aria-label={`Datastore ${d.name}`} className="space-y-2 border-t border-slate-100 py-3 first:border-t-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <span className="font-medium">{d.name}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-600">{d.type}</span>
            {d.isDefault ? (
              <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800">Default</span>
            ) : null}
          </div>
          <p className="mt-0.5 truncate font-mono text-xs text-slate-600">{datastoreTarget(d)}</p>
          <p className="text-xs text-slate-500">
            {d.description ? `${d.description} · ` : ""}
            {d.runCount} {d.runCount === 1 ? "run" : "runs"} · {d.blobCount}{" "}
            {d.blobCount === 1 ? "data or model file" : "data and model files"}
            {d.type === "s3" ? ` · access key ${d.hasCredentials ? (d.accessKeyIdHint ?? "stored") : "missing"}` : ""}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-1">
            <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate(ids)}>
              {test.isPending ? "Testing…" : "Test connection"}
            </Button>
            {d.isDefault ? null : (
              <Button variant="secondary" onClick={() => setDefault.mutate(ids)}>
                Make default
              </Button>
            )}
            <Button variant="ghost" onClick={() => setIsEditing(!isEditing)}>
              Edit
            </Button>
            {d.isDefault || d.runCount > 0 || d.blobCount > 0 ? null : (
              <Button variant="ghost" aria-label={`Delete datastore ${d.name}`} onClick={() => remove.mutate(ids)}>
                Delete
              </Button>
            )}
          </div>
        ) : null}
      </div>
      {test.data ? <Notice tone={test.data.ok ? "success" : "error"}>{test.data.message}</Notice> : null}
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      {isEditing ? (
        <DatastoreForm
          existing={d}
          onDone={() => {
            setIsEditing(false);
            onChanged();
          }}
        />
      ) : null}
    </li>
  );
}
