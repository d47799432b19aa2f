"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { modelVersionHref } from "./model-links";

/** A model name from a path's last part: letters, digits, '.', '_' and '-', starting with a letter or digit. */
function suggestedName(path: string): string {
  const last = path.split("/").at(-1) ?? "";
  return last
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_.-]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "");
}

/**
 * Registers a folder (or one file) of a run's outputs as the next version of a model, new or
 * existing; the files are copied, so the version outlives the run.
 */
export function RegisterModelDialog({ runId, path, onClose }: { runId: string; path: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState(suggestedName(path));
  const [description, setDescription] = useState("");
  const listId = useId();
  const models = useQuery(trpc.models.list.queryOptions({ workspaceId, orderBy: ["name ASC"], limit: 1000 }));
  const register = useMutation(
    trpc.models.register.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.models.pathFilter());
        void queryClient.invalidateQueries(trpc.lineage.pathFilter());
      },
    }),
  );
  const isExisting = models.data?.models.some((m) => m.name === name.trim()) ?? false;
  const done = register.data;
  return (
    <Dialog title={`Register ${path} as a model`} onClose={onClose}>
      {done ? (
        <div className="space-y-3">
          <Notice tone="success">
            Registered{" "}
            <Link
              className="font-mono font-medium underline"
              href={modelVersionHref(workspaceId, done.name, done.version)}
            >
              {done.ref}
            </Link>{" "}
            ({done.type}, {done.fileCount} file(s)).
          </Notice>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            register.mutate({
              workspaceId,
              runId,
              path,
              name: name.trim(),
              description: description.trim() || undefined,
            });
          }}
        >
          <TextField
            label="Model name"
            value={name}
            required
            list={listId}
            onChange={(e) => setName(e.target.value)}
            hint={
              isExisting ? `An existing model: this becomes its next version.` : "A new model, or pick an existing one."
            }
          />
          <datalist id={listId}>
            {models.data?.models.map((m) => (
              <option key={m.id} value={m.name} />
            ))}
          </datalist>
          <TextField label="Version description" value={description} onChange={(e) => setDescription(e.target.value)} />
          {register.error ? <Notice tone="error">{errorMessage(register.error)}</Notice> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim() || register.isPending}>
              {register.isPending ? "Registering…" : "Register"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
