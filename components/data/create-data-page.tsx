"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { TDataAssetType } from "@/server/services/data/data-asset-input";
import { parseLabels } from "../compute/parse-labels";
import { formatBytes } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { CANCELLED, uploadData, type TCommittedUpload, type TUploadProgress } from "./chunked-upload";
import { versionHref } from "./data-links";
import { DropZone } from "./drop-zone";
import type { TPickedFile } from "./picked-files";
import { UploadProgress } from "./upload-progress";
import { unfinishedUploads, type TRememberedUpload } from "./upload-resume-store";

/** The type a pick suggests until the user chooses one: one file, a table's files, or a folder. */
function suggestedType(files: readonly TPickedFile[]): TDataAssetType {
  if (files.length === 1) return "uri_file";
  const formats = new Set(files.map((f) => f.path.split(".").at(-1)?.toLowerCase()));
  return formats.size === 1 && (formats.has("csv") || formats.has("parquet")) ? "table" : "uri_folder";
}

/** Upload files or a folder as a new data asset, or as the next version of an existing one. */
export function CreateDataPage() {
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("data:write");
  const router = useRouter();
  const [name, setName] = useState("");
  const [type, setType] = useState<TDataAssetType | null>(null);
  const [description, setDescription] = useState("");
  const [tagsText, setTagsText] = useState("");
  const [files, setFiles] = useState<TPickedFile[]>([]);
  const [progress, setProgress] = useState<TUploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TCommittedUpload | null>(null);
  const [unfinished, setUnfinished] = useState<TRememberedUpload[]>([]);
  const [isUploading, setIsUploading] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const effectiveType = type ?? suggestedType(files);
  const tags = parseLabels(tagsText);

  useEffect(() => setUnfinished(unfinishedUploads(workspaceId)), [workspaceId]);
  // Leaving the page stops sending but keeps the upload to resume; only Cancel forgets it.
  useEffect(() => () => abort.current?.abort(), []);

  if (!canWrite) return <Notice tone="error">Your role cannot create data assets (data:write).</Notice>;

  const start = async () => {
    setError(null);
    setDone(null);
    const controller = new AbortController();
    abort.current = controller;
    setIsUploading(true);
    try {
      const committed = await uploadData({
        workspaceId,
        target: {
          name: name.trim(),
          type: effectiveType,
          description: description || undefined,
          tags: Object.keys(tags.labels).length ? tags.labels : undefined,
        },
        files,
        signal: controller.signal,
        onProgress: setProgress,
      });
      setDone(committed);
      const { newBytes, alreadyStoredBytes } = committed.upload;
      router.push(
        `${versionHref(workspaceId, committed.name, committed.version)}?newBytes=${newBytes}&storedBytes=${alreadyStoredBytes}`,
      );
    } catch (failure) {
      if (controller.signal.aborted) setProgress(null);
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      abort.current = null;
      setIsUploading(false);
    }
  };

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/data`}>
            Data
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Create data asset</h1>
      </div>
      {unfinished.length > 0 && !progress ? (
        <Notice tone="info">
          Unfinished upload(s):{" "}
          {unfinished.map((u) => `${u.name} (${u.fileCount} file(s), ${formatBytes(u.totalBytes)})`).join("; ")}. Choose
          the same files under the same name to resume where it stopped.
        </Notice>
      ) : null}
      <Section
        title="Files"
        description="A file, several files or a folder. Large files are sent in chunks and resume after a reload."
      >
        <DropZone
          files={files}
          isDisabled={isUploading}
          onFiles={(picked) => {
            setFiles(picked);
            setError(null);
            if (!name && picked.length > 0) {
              const first = picked.length === 1 ? picked[0]!.file.name.replace(/\.[^.]*$/, "") : "";
              setName(first.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, ""));
            }
          }}
        />
      </Section>
      <Section title="Asset">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label="Name"
              value={name}
              required
              disabled={isUploading}
              onChange={(e) => setName(e.target.value)}
              hint="An existing name gets its next version."
            />
            <SelectField
              label="Type"
              value={effectiveType}
              disabled={isUploading}
              onChange={(e) => setType(e.target.value as TDataAssetType)}
            >
              <option value="uri_file">uri_file (one file)</option>
              <option value="uri_folder">uri_folder (a folder)</option>
              <option value="table">table (CSV or Parquet)</option>
            </SelectField>
          </div>
          <TextField
            label="Description"
            value={description}
            disabled={isUploading}
            onChange={(e) => setDescription(e.target.value)}
          />
          <TextField
            label="Tags"
            value={tagsText}
            disabled={isUploading}
            placeholder="stage=raw, source=lab"
            onChange={(e) => setTagsText(e.target.value)}
            hint={tags.error ?? "key=value, separated by commas"}
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={isUploading || files.length === 0 || !name.trim() || tags.error !== null}>
              Upload
            </Button>
            {isUploading ? (
              <Button variant="secondary" onClick={() => abort.current?.abort(CANCELLED)}>
                Cancel upload
              </Button>
            ) : null}
          </div>
          {error ? <Notice tone="error">{error}</Notice> : null}
          {progress ? <UploadProgress progress={progress} /> : null}
          {done ? (
            <Notice tone="success">
              Created {done.name}:{done.version}: {formatBytes(done.upload.newBytes)} new,{" "}
              {formatBytes(done.upload.alreadyStoredBytes)} already stored.
            </Notice>
          ) : null}
        </form>
      </Section>
    </div>
  );
}
