"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import type { TDatastoreRow } from "./datastore-types";

/** Creates a datastore, or edits `existing`. Credentials are write-only: empty fields keep the stored ones. */
export function DatastoreForm({ existing, onDone }: { existing?: TDatastoreRow; onDone: () => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState(existing?.name ?? "");
  const [type, setType] = useState<"local" | "s3">(existing?.type ?? "s3");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [folder, setFolder] = useState(existing?.folder ?? "");
  const [endpoint, setEndpoint] = useState(existing?.endpoint ?? "");
  const [bucket, setBucket] = useState(existing?.bucket ?? "");
  const [prefix, setPrefix] = useState(existing?.prefix ?? "");
  const [region, setRegion] = useState(existing?.region ?? "");
  const [isPathStyle, setIsPathStyle] = useState(existing?.isPathStyle ?? true);
  const [accessKeyId, setAccessKeyId] = useState("");
  const [secretAccessKey, setSecretAccessKey] = useState("");
  const create = useMutation(trpc.datastores.create.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.datastores.update.mutationOptions({ onSuccess: onDone }));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  const settings =
    type === "s3"
      ? {
          endpoint,
          bucket,
          prefix,
          region: optional(region),
          isPathStyle,
          accessKeyId: optional(accessKeyId),
          secretAccessKey: optional(secretAccessKey),
        }
      : { folder: optional(folder) ?? null };
  const keep = existing?.hasCredentials ? "stored; leave empty to keep" : undefined;

  return (
    <form
      aria-label={existing ? `Edit datastore ${existing.name}` : "New datastore"}
      className="grid gap-3 md:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (existing) update.mutate({ workspaceId, datastoreId: existing.id, description, ...settings });
        else create.mutate({ workspaceId, name, type, description, ...settings });
      }}
    >
      {existing ? null : (
        <>
          <TextField label="Datastore name" value={name} onChange={(e) => setName(e.target.value)} required />
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as "local" | "s3")}>
            <option value="s3">S3-compatible bucket</option>
            <option value="local">Local folder</option>
          </SelectField>
        </>
      )}
      <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
      {type === "local" ? (
        <TextField
          label="Folder"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          placeholder="/srv/crucible-data"
          hint="A folder on the studio's machine; empty is the studio's own. Only site administrators may choose another."
        />
      ) : (
        <>
          <TextField
            label="Endpoint URL"
            type="url"
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder="https://s3.example.com"
            required
          />
          <TextField label="Bucket" value={bucket} onChange={(e) => setBucket(e.target.value)} required />
          <TextField
            label="Prefix"
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
            hint="Objects are kept under this folder of the bucket"
          />
          <TextField
            label="Region"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            placeholder="us-east-1"
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={isPathStyle} onChange={(e) => setIsPathStyle(e.target.checked)} />
            Path-style addressing (most self-hosted servers)
          </label>
          <TextField
            label="Access key ID"
            value={accessKeyId}
            onChange={(e) => setAccessKeyId(e.target.value)}
            autoComplete="off"
            placeholder={keep}
            required={!existing}
          />
          <TextField
            label="Secret access key"
            type="password"
            value={secretAccessKey}
            onChange={(e) => setSecretAccessKey(e.target.value)}
            autoComplete="new-password"
            placeholder={keep}
            required={!existing}
            hint="Stored encrypted; never shown again"
          />
        </>
      )}
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={pending}>
          {existing ? "Save" : "Add datastore"}
        </Button>
        {existing ? (
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
      {error ? (
        <div className="md:col-span-3">
          <Notice tone="error">{errorMessage(error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
