"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataFilesBrowser } from "../data/data-files-browser";
import { EditVersionForm } from "../data/edit-version-form";
import { FilePreviewSection } from "../data/file-preview-section";
import { TagList } from "../data/tag-list";
import { formatBytes, formatTime } from "../runs/format";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { AliasManager } from "./alias-manager";
import { modelHref, modelVersionApi } from "./model-links";
import { MlmodelInfo } from "./mlmodel-info";
import { SourceRunPanel } from "./source-run-panel";
import { VersionHeader } from "../data/version-header";

/** One model version: what it is, how to load it, where it came from, and its files. */
export function ModelVersionPage({ name, version }: { name: string; version: string }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("model:write");
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  const [isEditing, setIsEditing] = useState(false);
  const found = useQuery(trpc.models.version.queryOptions({ workspaceId, name, version }));
  const model = useQuery(trpc.models.byName.queryOptions({ workspaceId, name }));
  if (found.isPending) return <p className="text-sm text-slate-500">Loading version…</p>;
  if (found.isError) return <Notice tone="error">{errorMessage(found.error)}</Notice>;
  const v = found.data;
  const source = { kind: "model", name: v.name, version: v.version } as const;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <VersionHeader
        section={{ label: "Models", href: `/w/${workspaceId}/models` }}
        asset={{ name: v.name, href: modelHref(workspaceId, v.name) }}
        versionRef={v.ref}
        badge={<span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal">{v.type}</span>}
        isArchived={v.isArchived}
        description={v.description}
      />
      <Section
        title="Overview"
        actions={
          <span className="flex gap-2">
            {canWrite ? (
              <Button variant="secondary" onClick={() => setIsEditing(true)}>
                Edit description and tags
              </Button>
            ) : null}
            <a
              className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
              href={`${modelVersionApi(workspaceId, v.name, v.version)}/download`}
            >
              Download all (.tar)
            </a>
          </span>
        }
      >
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Size</dt>
          <dd className="font-mono text-xs">
            {formatBytes(v.totalSize)} in {v.fileCount} file(s)
          </dd>
          <dt className="text-slate-500">Tags</dt>
          <dd>
            <TagList tags={v.tags} />
          </dd>
          <dt className="text-slate-500">Source</dt>
          <dd className="break-all font-mono text-xs">{v.sourceUri || "—"}</dd>
          <dt className="text-slate-500">Digest</dt>
          <dd className="break-all font-mono text-xs">{v.digest}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd className="text-xs">{formatTime(v.createdAt)}</dd>
        </dl>
        {isEditing ? (
          <div className="mt-4">
            <EditVersionForm
              source={source}
              description={v.description}
              tags={v.tags}
              onDone={() => setIsEditing(false)}
            />
          </div>
        ) : null}
      </Section>
      <Section title="Aliases">
        <AliasManager
          name={v.name}
          aliases={model.data?.aliases ?? v.aliases.map((alias) => ({ alias, version: v.version }))}
          versions={model.data?.versions.map((x) => x.version) ?? [v.version]}
          defaultVersion={v.version}
        />
      </Section>
      {v.flavors ? (
        <Section title="MLmodel" description="How MLflow loads this model, and what it takes and returns.">
          <MlmodelInfo source={source} flavors={v.flavors} signature={v.signature} inputExample={v.inputExample} />
        </Section>
      ) : null}
      <Section title="Source run and data">
        <SourceRunPanel name={v.name} version={v.version} />
      </Section>
      <Section title="Files">
        <DataFilesBrowser source={source} onPreview={setPreviewPath} />
      </Section>
      {previewPath ? (
        <FilePreviewSection source={source} path={previewPath} onClose={() => setPreviewPath(null)} />
      ) : null}
    </div>
  );
}
