"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { labelLines, parseLabelLines } from "./label-lines";
import type { TWorkbenchProject as TProject } from "./workbench/workbench-types";

function Outcome({ error, done }: { error: unknown; done: ReactNode }) {
  if (error) return <Notice tone="error">{errorMessage(error)}</Notice>;
  return done ? <Notice tone="success">{done}</Notice> : null;
}

/** A project's instructions, labels, overlap, ML assist, newer data, assignments, and deletion. */
export function ProjectSettings({ project }: { project: TProject }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canInvoke = useCan("endpoint:invoke");
  const refresh = () => void queryClient.invalidateQueries(trpc.labeling.pathFilter());
  const base = { workspaceId, name: project.name };

  const [instructions, setInstructions] = useState(project.instructions);
  const [labelText, setLabelText] = useState(labelLines(project.labels));
  const [overlap, setOverlap] = useState(project.overlap);
  const [assist, setAssist] = useState(project.assistEndpoint ?? "");
  const [newVersion, setNewVersion] = useState("");
  const [email, setEmail] = useState("");
  const [count, setCount] = useState(10);
  const parsed = parseLabelLines(labelText);

  const endpoints = useQuery({ ...trpc.endpoints.list.queryOptions({ workspaceId }), enabled: canInvoke });
  const versions = useQuery(trpc.data.byName.queryOptions({ workspaceId, name: project.dataAssetName }));
  const update = useMutation(trpc.labeling.update.mutationOptions({ onSuccess: refresh }));
  const addData = useMutation(trpc.labeling.addData.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.labeling.assign.mutationOptions({ onSuccess: refresh }));
  const predict = useMutation(trpc.labeling.predict.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.labeling.delete.mutationOptions({
      onSuccess: () => {
        refresh();
        router.push(`/w/${workspaceId}/labeling`);
      },
    }),
  );
  const known = new Set(project.sources.map((s) => s.version));

  return (
    <div className="space-y-4">
      <Section title="Details">
        <form
          aria-label="Project details"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed.error) return;
            update.mutate({ ...base, instructions, labels: parsed.labels, overlap, assistEndpoint: assist || null });
          }}
        >
          <TextAreaField
            label="Labels"
            rows={5}
            value={labelText}
            onChange={(e) => setLabelText(e.target.value)}
            hint="One per line: name, #colour, key:x. Labels already used cannot be removed."
          />
          <TextAreaField
            label="Instructions (Markdown)"
            rows={5}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Labelers per item"
              type="number"
              min={1}
              max={10}
              value={overlap}
              onChange={(e) => setOverlap(Number(e.target.value))}
            />
            <SelectField
              label="ML assist endpoint"
              value={assist}
              onChange={(e) => setAssist(e.target.value)}
              disabled={!canInvoke}
            >
              <option value="">None</option>
              {endpoints.data?.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                </option>
              ))}
            </SelectField>
          </div>
          {labelText.trim() && parsed.error ? <Notice tone="error">{parsed.error}</Notice> : null}
          <Outcome error={update.error} done={update.isSuccess ? "Saved." : null} />
          <Button type="submit" disabled={update.isPending || parsed.error !== null}>
            Save
          </Button>
        </form>
      </Section>

      {project.assistEndpoint ? (
        <Section
          title="ML assist"
          description={`Ask '${project.assistEndpoint}' for suggestions on the next items without one. Labelers see them as suggestions; only what they submit counts.`}
        >
          <div className="flex items-center gap-3">
            <Button onClick={() => predict.mutate({ ...base, count: 20 })} disabled={predict.isPending || !canInvoke}>
              {predict.isPending ? "Asking the endpoint…" : "Suggest labels for the next 20 items"}
            </Button>
          </div>
          <div className="mt-3">
            <Outcome
              error={predict.error ?? (predict.data?.errors.length ? new Error(predict.data.errors.join("; ")) : null)}
              done={
                predict.data
                  ? `${predict.data.predicted} suggestion(s) saved, ${predict.data.refused} refused as invalid.`
                  : null
              }
            />
          </div>
        </Section>
      ) : null}

      <Section
        title="Add newer data"
        description={`Items of another version of '${project.dataAssetName}' that the project does not have yet join the queue.`}
      >
        <form
          aria-label="Add data version"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            addData.mutate({ ...base, data: `${project.dataAssetName}:${newVersion}` });
          }}
        >
          <div className="w-48">
            <SelectField label="Version" value={newVersion} onChange={(e) => setNewVersion(e.target.value)}>
              <option value="">Pick a version…</option>
              {versions.data?.versions
                .filter((v) => !known.has(v.version))
                .map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    {v.version} ({v.fileCount} files)
                  </option>
                ))}
            </SelectField>
          </div>
          <Button type="submit" disabled={addData.isPending || newVersion === ""}>
            Add items
          </Button>
        </form>
        <div className="mt-3">
          <Outcome
            error={addData.error}
            done={addData.data ? `${addData.data.added} new item(s); ${addData.data.total} in all.` : null}
          />
        </div>
      </Section>

      <Section
        title="Assign items"
        description="Hand a member the next items that still want labels; they come first in that member's queue."
      >
        <form
          aria-label="Assign items"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            assign.mutate({ ...base, email, count });
          }}
        >
          <div className="w-64">
            <TextField
              label="Member's email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="w-28">
            <TextField
              label="Items"
              type="number"
              min={1}
              max={10000}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
          </div>
          <Button type="submit" disabled={assign.isPending || email === ""}>
            Assign
          </Button>
        </form>
        <div className="mt-3">
          <Outcome error={assign.error} done={assign.data ? `${assign.data.assigned} item(s) assigned.` : null} />
        </div>
      </Section>

      <Section title="Delete project">
        <ConfirmButton
          label="Delete project"
          title={`Delete ${project.name}?`}
          question="Its items, labels and history are removed. Data versions it exported stay."
          onConfirm={() => remove.mutate(base)}
        />
        {remove.error ? <Notice tone="error">{errorMessage(remove.error)}</Notice> : null}
      </Section>
    </div>
  );
}
