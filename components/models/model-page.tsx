"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TagList } from "../data/tag-list";
import { LineageDiagram } from "../lineage/lineage-diagram";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { MarkdownText } from "../ui/markdown";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { AliasManager } from "./alias-manager";
import { EditModelForm } from "./edit-model-form";
import { modelCompareHref } from "./model-links";
import { ModelVersionsTable } from "./model-versions-table";

const MAX_COMPARED = 10;

/** One registered model: its description and tags, versions, aliases and where its versions came from. */
export function ModelPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("model:write");
  const canDelete = useCan("model:delete");
  const [isEditing, setIsEditing] = useState(false);
  const [editingVersion, setEditingVersion] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [lineageVersion, setLineageVersion] = useState<number | null>(null);
  const model = useQuery(trpc.models.byName.queryOptions({ workspaceId, name }));
  const remove = useMutation(
    trpc.models.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceId}/models`) }),
  );
  if (model.isPending) return <p className="text-sm text-slate-500">Loading model…</p>;
  if (model.isError) return <Notice tone="error">{errorMessage(model.error)}</Notice>;
  const m = model.data;
  const numbers = m.versions.map((v) => v.version);
  const shownLineage = lineageVersion ?? m.versions.find((v) => !v.isArchived)?.version ?? numbers[0];
  const toggle = (version: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(version)) next.add(version);
      return next;
    });
  const compared = numbers.filter((n) => selected.has(n)).reverse();

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/models`}>
              Models
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{m.name}</h1>
          {Object.keys(m.tags).length ? (
            <div className="mt-1">
              <TagList tags={m.tags} />
            </div>
          ) : null}
        </div>
        <div className="flex shrink-0 gap-2">
          {canWrite ? (
            <Button variant="secondary" onClick={() => setIsEditing(true)}>
              Edit description and tags
            </Button>
          ) : null}
          {canDelete ? (
            <ConfirmButton
              label="Delete model"
              title={`Delete ${m.name}?`}
              question={`All ${m.versionCount} version(s) of ${m.name}, their files and aliases are deleted.`}
              onConfirm={() => remove.mutate({ workspaceId, name: m.name })}
            />
          ) : null}
        </div>
      </div>
      {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      {isEditing ? (
        <EditModelForm name={m.name} description={m.description} tags={m.tags} onDone={() => setIsEditing(false)} />
      ) : m.description ? (
        <Section title="Description">
          <MarkdownText text={m.description} />
        </Section>
      ) : null}
      <Section
        title="Versions"
        description="Files and source never change; archiving hides a version from @latest."
        actions={
          <Link
            aria-disabled={compared.length < 2 || compared.length > MAX_COMPARED}
            className={`rounded border px-3 py-1.5 text-sm font-medium ${
              compared.length < 2 || compared.length > MAX_COMPARED
                ? "pointer-events-none border-slate-200 text-slate-400"
                : "border-sky-700 bg-sky-700 text-white hover:bg-sky-800"
            }`}
            href={modelCompareHref(workspaceId, m.name, compared)}
          >
            Compare {compared.length || ""} selected
          </Link>
        }
      >
        {compared.length > MAX_COMPARED ? (
          <Notice tone="info">Pick at most {MAX_COMPARED} versions to compare.</Notice>
        ) : null}
        {m.versions.length === 0 ? (
          <p className="text-sm text-slate-500">No versions yet.</p>
        ) : (
          <ModelVersionsTable
            name={m.name}
            versions={m.versions}
            selected={selected}
            onToggle={toggle}
            editing={editingVersion}
            onEdit={setEditingVersion}
          />
        )}
      </Section>
      <Section title="Aliases" description="Names that follow a version: move one to promote a new version.">
        <AliasManager name={m.name} aliases={m.aliases} versions={numbers} defaultVersion={numbers[0]} />
      </Section>
      {shownLineage !== undefined ? (
        <Section
          title="Lineage"
          description="The run a version was registered from, the data that run read, the jobs that read the version and the deployments serving it."
          actions={
            <label className="flex items-center gap-2 text-sm">
              Version
              <select
                aria-label="Lineage of version"
                className="rounded border border-slate-300 px-2 py-1"
                value={shownLineage}
                onChange={(e) => setLineageVersion(Number(e.target.value))}
              >
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    v{n}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <LineageDiagram key={shownLineage} start={{ model: m.name, version: shownLineage }} />
        </Section>
      ) : null}
    </div>
  );
}
