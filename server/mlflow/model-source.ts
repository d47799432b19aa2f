import { AppError } from "../errors";
import { findLoggedModel } from "../services/logged-models/find-logged-model";
import { findRun } from "../services/runs/find-run";
import { MlflowError } from "./mlflow-error";

export type TModelSourceRef =
  | { kind: "run"; runId: string; path: string }
  | { kind: "version"; ref: string }
  | { kind: "logged"; runId: string; path: string; loggedModelId: string };

/**
 * Where model-versions/create's `source` points: `runs:/<run>/<path>`, a run's artifact URI
 * (`mlflow-artifacts:/<experiment>/<run>/artifacts/<path>`, as register_model sends it),
 * a logged model (`models:/<model id>`) or another registered version (`models:/<name>/<version>`, `models:/<name>@<alias>`).
 */
export async function resolveModelSource(workspaceId: string, source: string): Promise<TModelSourceRef> {
  const runs = /^runs:\/+([^/]+)\/(.+)$/.exec(source);
  if (runs) return { kind: "run", runId: runs[1]!, path: runs[2]! };
  const artifacts = /^mlflow-artifacts:(?:\/\/[^/]*)?\/+([^/]+)\/([^/]+)\/artifacts\/(.+)$/.exec(source);
  if (artifacts) {
    const run = await findRun(workspaceId, artifacts[2]!);
    if (run.experimentId !== artifacts[1])
      throw new AppError("NOT_FOUND", `Run ${run.id} is not in experiment ${artifacts[1]}`);
    return { kind: "run", runId: run.id, path: artifacts[3]! };
  }
  const logged = /^models:\/+(m-[0-9a-f]{32})\/?$/.exec(source);
  if (logged) {
    const model = await findLoggedModel(workspaceId, logged[1]!);
    return { kind: "logged", runId: model.sourceRunId, path: model.artifactPath, loggedModelId: model.id };
  }
  const registered = /^models:\/+([^/@]+)(?:\/(\d+)|@([\w-]+))\/?$/.exec(source);
  if (registered)
    return {
      kind: "version",
      ref: registered[2] ? `${registered[1]}:${registered[2]}` : `${registered[1]}@${registered[3]}`,
    };
  throw new MlflowError(
    "INVALID_PARAMETER_VALUE",
    `Unsupported source '${source}': use runs:/<run_id>/<path>, the run's mlflow-artifacts:/ URI, or models:/...`,
  );
}
