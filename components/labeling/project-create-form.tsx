"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TLabelingTaskType } from "@/server/services/labeling/labeling-input";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { parseLabelLines } from "./label-lines";
import { projectHref } from "./labeling-links";
import { TASK_TYPE_LABELS } from "./task-types";

/** Names a project, picks its data version, task and labels, and opens it once its items are in. */
export function ProjectCreateForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [name, setName] = useState("");
  const [asset, setAsset] = useState("");
  const [version, setVersion] = useState("latest");
  const [taskType, setTaskType] = useState<TLabelingTaskType>("imageClassification");
  const [multiLabel, setMultiLabel] = useState(false);
  const [labelText, setLabelText] = useState("");
  const [overlap, setOverlap] = useState(1);
  const [textColumn, setTextColumn] = useState("text");
  const [instructions, setInstructions] = useState("");
  const assets = useQuery(trpc.data.list.queryOptions({ workspaceId }));
  const versions = useQuery({ ...trpc.data.byName.queryOptions({ workspaceId, name: asset }), enabled: asset !== "" });
  const create = useMutation(
    trpc.labeling.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries(trpc.labeling.list.pathFilter());
        router.push(projectHref(workspaceId, created.name));
      },
    }),
  );
  const parsed = parseLabelLines(labelText);
  const isText = taskType === "textClassification" || taskType === "textEntities";
  const isClassification = taskType === "imageClassification" || taskType === "textClassification";

  return (
    <form
      aria-label="Create labeling project"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.error) return;
        create.mutate({
          workspaceId,
          name,
          taskType,
          multiLabel: isClassification ? multiLabel : undefined,
          labels: parsed.labels,
          overlap,
          data: version === "latest" ? `${asset}@latest` : `${asset}:${version}`,
          textColumn: isText ? textColumn || undefined : undefined,
          instructions: instructions || undefined,
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Project name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="street-signs"
        />
        <SelectField
          label="Data asset"
          required
          value={asset}
          onChange={(e) => {
            setAsset(e.target.value);
            setVersion("latest");
          }}
        >
          <option value="">Pick a data asset…</option>
          {assets.data?.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.latest.type}, {a.latest.fileCount} files)
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Version"
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          disabled={asset === ""}
        >
          <option value="latest">latest</option>
          {versions.data?.versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              {v.version}
              {v.isArchived ? " (archived)" : ""}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Task" value={taskType} onChange={(e) => setTaskType(e.target.value as TLabelingTaskType)}>
          {(Object.keys(TASK_TYPE_LABELS) as TLabelingTaskType[]).map((t) => (
            <option key={t} value={t}>
              {TASK_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Labelers per item"
          type="number"
          min={1}
          max={10}
          value={overlap}
          onChange={(e) => setOverlap(Number(e.target.value))}
          hint="More than one gives agreement and consensus."
        />
        {isText ? (
          <TextField
            label="Text column"
            value={textColumn}
            onChange={(e) => setTextColumn(e.target.value)}
            hint="For CSV or JSONL rows; .txt files are one item each."
          />
        ) : null}
      </div>
      {isClassification ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={multiLabel} onChange={(e) => setMultiLabel(e.target.checked)} />
          Several labels per item (multi-label)
        </label>
      ) : null}
      <TextAreaField
        label="Labels"
        rows={4}
        value={labelText}
        onChange={(e) => setLabelText(e.target.value)}
        placeholder={"cat\ndog #16a34a\nbird key:b"}
        hint="One per line; optionally a colour (#rrggbb) and a key (key:x). Keys 1–9 go to labels without one, in order."
      />
      <TextAreaField
        label="Instructions (Markdown)"
        rows={3}
        value={instructions}
        onChange={(e) => setInstructions(e.target.value)}
      />
      {labelText.trim() && parsed.error ? <Notice tone="error">{parsed.error}</Notice> : null}
      {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <Button type="submit" disabled={create.isPending || name.trim() === "" || asset === "" || parsed.error !== null}>
        {create.isPending ? "Creating… (reading the items)" : "Create project"}
      </Button>
    </form>
  );
}
