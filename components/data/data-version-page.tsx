"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes, formatTime } from "../runs/format";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { assetHref, versionApi } from "./data-links";
import { DataFilesBrowser } from "./data-files-browser";
import { DataProfilePanel } from "./data-profile-panel";
import { DataTypeBadge } from "./data-type-badge";
import { FilePreviewSection } from "./file-preview-section";
import { ImageGallery } from "./image-gallery";
import { TablePreview } from "./table-preview";
import { TagList } from "./tag-list";
import { VersionLineageSlot } from "./version-lineage-slot";
import { VersionHeader } from "./version-header";

/** One version: what it is, its files, previews of its content and its profile. */
export function DataVersionPage({
  name,
  version,
  uploaded,
}: {
  name: string;
  version: string;
  uploaded: { newBytes: number; storedBytes: number } | null;
}) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  const found = useQuery(trpc.data.version.queryOptions({ workspaceId, name, version }));
  if (found.isPending) return <p className="text-sm text-slate-500">Loading version…</p>;
  if (found.isError) return <Notice tone="error">{errorMessage(found.error)}</Notice>;
  const v = found.data;
  const api = versionApi(workspaceId, v.name, v.version);
  const source = { kind: "data", name: v.name, version: v.version } as const;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <VersionHeader
        section={{ label: "Data", href: `/w/${workspaceId}/data` }}
        asset={{ name: v.name, href: assetHref(workspaceId, v.name) }}
        versionRef={v.ref}
        badge={<DataTypeBadge type={v.type} />}
        isArchived={v.isArchived}
        description={v.description}
      />
      {uploaded ? (
        <Notice tone="success">
          Uploaded {v.ref}: {formatBytes(uploaded.newBytes)} new, {formatBytes(uploaded.storedBytes)} already stored.
        </Notice>
      ) : null}
      <Section
        title="Overview"
        actions={
          <a
            className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
            href={`${api}/download`}
          >
            {v.fileCount === 1 ? "Download the file" : "Download all (.tar)"}
          </a>
        }
      >
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Size</dt>
          <dd className="font-mono text-xs">
            {formatBytes(v.totalSize)} in {v.fileCount} file(s)
          </dd>
          <dt className="text-slate-500">Digest</dt>
          <dd className="break-all font-mono text-xs">{v.digest}</dd>
          <dt className="text-slate-500">Tags</dt>
          <dd>
            <TagList tags={v.tags} />
          </dd>
          {v.tableSchema ? (
            <>
              <dt className="text-slate-500">Columns ({v.tableFormat})</dt>
              <dd className="font-mono text-xs">{v.tableSchema.map((c) => `${c.name}: ${c.type}`).join(", ")}</dd>
            </>
          ) : null}
          {v.referencePath ? (
            <>
              <dt className="text-slate-500">References</dt>
              <dd className="font-mono text-xs">
                {v.datastoreName}/{v.referencePath}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">Created</dt>
          <dd className="text-xs">{formatTime(v.createdAt)}</dd>
        </dl>
      </Section>
      {v.type === "table" ? (
        <Section title="Table preview" description="The first 100 rows, as jobs will read them.">
          <TablePreview name={v.name} version={v.version} />
        </Section>
      ) : null}
      {v.type === "table" ? <DataProfilePanel name={v.name} version={v.version} /> : null}
      {v.type === "uri_folder" ? (
        <Section title="Images">
          <ImageGallery name={v.name} version={v.version} onOpen={setPreviewPath} />
        </Section>
      ) : null}
      <Section title="Files">
        <DataFilesBrowser source={source} onPreview={setPreviewPath} />
      </Section>
      {previewPath ? (
        <FilePreviewSection source={source} path={previewPath} onClose={() => setPreviewPath(null)} />
      ) : null}
      <VersionLineageSlot name={v.name} version={v.version} />
    </div>
  );
}
