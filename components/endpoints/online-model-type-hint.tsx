"use client";

import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import type { TModelChoice } from "./model-ref-picker";
import { resolveModelChoice } from "./resolve-model-choice";

/** Whether the picked version needs a score.py: the form cannot say so until the version's type is known. */
export function OnlineModelTypeHint({ choice }: { choice: TModelChoice }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const model = useQuery({
    ...trpc.models.byName.queryOptions({ workspaceId, name: choice.name }),
    enabled: choice.name !== "",
  });
  const version = model.data ? resolveModelChoice(model.data.versions, model.data.aliases, choice) : null;
  if (!version) return null;
  const ref = `${version.name}:${version.version}`;
  return (
    <p data-testid="model-type-hint" className="text-xs text-slate-600">
      {version.type === "mlflow_model" ? (
        <>
          {ref} is an <strong>mlflow_model</strong>: leave score.py empty and its MLflow pyfunc flavour serves it,
          taking MLflow&apos;s JSON input (dataframe_split, dataframe_records, instances or inputs).
        </>
      ) : (
        <>
          {ref} is a <strong>{version.type}</strong>: it needs a score.py with init() and run(raw_data).
        </>
      )}
    </p>
  );
}
