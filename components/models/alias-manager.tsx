"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { AliasBadge } from "./alias-badge";

/**
 * A model's aliases, each pointing at one version: set a new one, move one to another version,
 * or remove it. Roles without model:write see them only.
 */
export function AliasManager({
  name,
  aliases,
  versions,
  defaultVersion,
}: {
  name: string;
  aliases: { alias: string; version: number }[];
  versions: number[];
  defaultVersion?: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("model:write");
  const [alias, setAlias] = useState("");
  const [version, setVersion] = useState(String(defaultVersion ?? versions[0] ?? ""));
  const refresh = () => void queryClient.invalidateQueries(trpc.models.pathFilter());
  const set = useMutation(
    trpc.models.setAlias.mutationOptions({
      onSuccess: () => {
        setAlias("");
        refresh();
      },
    }),
  );
  const remove = useMutation(trpc.models.deleteAlias.mutationOptions({ onSuccess: refresh }));
  const moving = aliases.find((a) => a.alias === alias.trim());
  return (
    <div className="space-y-3 text-sm">
      {aliases.length ? (
        <ul aria-label="Aliases" className="flex flex-wrap gap-2">
          {aliases.map((a) => (
            <li key={a.alias} className="flex items-center gap-1">
              <AliasBadge alias={a.alias} version={a.version} />
              {canWrite ? (
                <button
                  type="button"
                  className="text-xs text-slate-500 hover:text-red-700"
                  aria-label={`Remove alias ${a.alias}`}
                  onClick={() => remove.mutate({ workspaceId, name, alias: a.alias })}
                >
                  ✕
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-500">No aliases. An alias names a version for jobs and endpoints: {name}@champion.</p>
      )}
      {canWrite && versions.length ? (
        <form
          aria-label="Set an alias"
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            set.mutate({ workspaceId, name, alias: alias.trim(), version: Number(version) });
          }}
        >
          <TextField label="Alias" value={alias} placeholder="champion" onChange={(e) => setAlias(e.target.value)} />
          <SelectField label="Version" value={version} onChange={(e) => setVersion(e.target.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={!alias.trim() || set.isPending}>
            {moving ? "Move alias" : "Set alias"}
          </Button>
        </form>
      ) : null}
      {set.error || remove.error ? <Notice tone="error">{errorMessage(set.error ?? remove.error)}</Notice> : null}
    </div>
  );
}
