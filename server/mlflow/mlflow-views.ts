import { keyValues, MODEL_STATUS_TO_MLFLOW } from "../services/logged-models/logged-model-limits";
import type { TDatasetInputRow } from "../services/runs/dataset-inputs";
import { STATUS_TO_MLFLOW } from "../services/runs/run-status";
import { decodeFloat } from "../services/runs/metric-value";
import type { TRunView } from "../services/runs/run-view";

const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : undefined);

type TExperimentRow = {
  id: string;
  name: string;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  tags: { key: string; value: string }[];
};

export function experimentView(e: TExperimentRow) {
  return {
    experiment_id: e.id,
    name: e.name,
    artifact_location: `mlflow-artifacts:/${e.id}`,
    lifecycle_stage: e.deletedAt ? "deleted" : "active",
    creation_time: e.createdAt.getTime(),
    last_update_time: e.updatedAt.getTime(),
    tags: e.tags.map(({ key, value }) => ({ key, value })),
  };
}

export function runInfoView(r: TRunView) {
  return {
    run_id: r.id,
    run_uuid: r.id,
    run_name: r.displayName,
    experiment_id: r.experimentId,
    user_id: r.user?.email ?? "",
    status: STATUS_TO_MLFLOW[r.status],
    start_time: ms(r.startedAt) ?? ms(r.createdAt),
    ...(r.endedAt ? { end_time: ms(r.endedAt) } : {}),
    artifact_uri: `mlflow-artifacts:/${r.experimentId}/${r.id}/artifacts`,
    lifecycle_stage: r.isDeleted ? "deleted" : "active",
  };
}

/** A run as GET runs/get returns it: latest metric values, params, and tags with MLflow's system tags. */
export function runView(r: TRunView, datasets: TDatasetInputRow[] = []) {
  const tags: Record<string, string> = { ...r.tags, "mlflow.runName": r.displayName };
  if (r.user) tags["mlflow.user"] = r.user.email;
  if (r.parentRunId) tags["mlflow.parentRunId"] = r.parentRunId;
  if (r.git.commit) tags["mlflow.source.git.commit"] = r.git.commit;
  return {
    info: runInfoView(r),
    data: {
      metrics: Object.entries(r.metrics).map(([key, m]) => ({
        key,
        value: decodeFloat(m.last),
        timestamp: m.lastTimestamp,
        step: m.lastStep,
      })),
      params: Object.entries(r.params).map(([key, value]) => ({ key, value })),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
    inputs: {
      dataset_inputs: datasets.map((d) => ({
        tags: Object.entries(d.tags).map(([key, value]) => ({ key, value })),
        dataset: {
          name: d.name,
          digest: d.digest,
          source_type: d.sourceType,
          source: d.source,
          ...(d.schema ? { schema: d.schema } : {}),
          ...(d.profile ? { profile: d.profile } : {}),
        },
      })),
    },
  };
}

// jsonb keeps keys by length, then bytes: sorted by key reads better and stays put.
const sortedPairs = (json: unknown) =>
  Object.entries(keyValues(json))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));

type TLoggedModelRow = {
  id: string;
  experimentId: string;
  sourceRunId: string;
  name: string;
  modelType: string;
  status: keyof typeof MODEL_STATUS_TO_MLFLOW;
  statusMessage: string;
  artifactPath: string;
  params: unknown;
  tags: unknown;
  createdAt: Date;
  updatedAt: Date;
};

/** A logged model as MLflow 3's logged-models endpoints return it; its files are under its source run's artifacts. */
export function loggedModelView(m: TLoggedModelRow) {
  return {
    info: {
      model_id: m.id,
      experiment_id: m.experimentId,
      name: m.name,
      source_run_id: m.sourceRunId,
      model_type: m.modelType,
      status: MODEL_STATUS_TO_MLFLOW[m.status],
      status_message: m.statusMessage,
      artifact_uri: `mlflow-artifacts:/${m.experimentId}/${m.sourceRunId}/artifacts/${m.artifactPath}`,
      creation_timestamp_ms: m.createdAt.getTime(),
      last_updated_timestamp_ms: m.updatedAt.getTime(),
      tags: sortedPairs(m.tags),
    },
    data: { params: sortedPairs(m.params), metrics: [] },
  };
}
