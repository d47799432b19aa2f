"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { SelectField } from "../ui/field";

export type TModelChoice = { name: string; version: string };

/** `iris:2` for a version, `iris@champion` for an alias; a deployment records the version either resolves to. */
export function modelRef(choice: TModelChoice): string {
  return /^\d+$/.test(choice.version) ? `${choice.name}:${choice.version}` : `${choice.name}@${choice.version}`;
}

/** `iris:2`, `iris@champion`, `iris@latest` or `iris` (with `azureml:` accepted) as a choice. */
export function modelChoiceOf(ref: string): TModelChoice {
  const match = /^([^:@]+)(?:[:@](.+))?$/.exec(ref.replace(/^azureml:/, ""));
  return { name: match?.[1] ?? "", version: match?.[2] ?? "latest" };
}

/** A registered model, then one of its versions or aliases. */
export function ModelRefPicker({ value, onChange }: { value: TModelChoice; onChange: (choice: TModelChoice) => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const models = useQuery(trpc.models.list.queryOptions({ workspaceId, orderBy: ["name ASC"], limit: 1000 }));
  const model = useQuery({
    ...trpc.models.byName.queryOptions({ workspaceId, name: value.name }),
    enabled: value.name !== "",
  });
  const versions = model.data?.versions.filter((v) => !v.isArchived) ?? [];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label="Model"
        required
        value={value.name}
        onChange={(e) => onChange({ name: e.target.value, version: "latest" })}
      >
        <option value="">{models.isPending ? "Loading models…" : "Pick a registered model"}</option>
        {models.data?.models.map((m) => (
          <option key={m.id} value={m.name}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Model version"
        value={value.version}
        disabled={value.name === ""}
        onChange={(e) => onChange({ ...value, version: e.target.value })}
      >
        <option value="latest">@latest</option>
        {model.data?.aliases.map((a) => (
          <option key={a.alias} value={a.alias}>
            @{a.alias} (v{a.version})
          </option>
        ))}
        {versions.map((v) => (
          <option key={v.id} value={String(v.version)}>
            v{v.version}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
