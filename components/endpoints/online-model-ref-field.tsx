"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { SelectField } from "../ui/field";

/** `name:version`, `name@alias` or `name` (its latest version), as a deployment's `model` takes it. */
export function parseModelRef(ref: string): { name: string; pick: string } {
  const match = /^([^:@]+)([:@].+)?$/.exec(ref.replace(/^azureml:/, ""));
  return { name: match?.[1] ?? "", pick: match?.[2] ?? "" };
}

/** A registered model and which of its versions: a number, an alias, or the latest at deploy time. */
export function OnlineModelRefField({ value, onChange }: { value: string; onChange: (ref: string) => void }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const models = useQuery(trpc.models.list.queryOptions({ workspaceId, limit: 1000 }));
  const { name, pick } = parseModelRef(value);
  const model = models.data?.models.find((m) => m.name === name);
  const versions = Array.from({ length: model?.latestVersion ?? 0 }, (_, i) => (model?.latestVersion ?? 0) - i);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField label="Model" required value={name} onChange={(e) => onChange(e.target.value)}>
        <option value="">{models.isPending ? "Loading models…" : "Pick a registered model"}</option>
        {models.data?.models.map((m) => (
          <option key={m.id} value={m.name}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Model version"
        value={pick}
        disabled={!name}
        onChange={(e) => onChange(`${name}${e.target.value}`)}
      >
        <option value="">latest at deploy time</option>
        {model?.aliases.map((a) => (
          <option key={a.alias} value={`@${a.alias}`}>
            @{a.alias} (v{a.version})
          </option>
        ))}
        {versions.map((v) => (
          <option key={v} value={`:${v}`}>
            v{v}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
