import type { TModelVersionView, TModelView } from "../services/models/model-views";

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** A version as MLflow's ModelVersion; stages are deprecated, so every version is in stage "None". */
export function mlflowModelVersion(v: TModelVersionView) {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.createdAt.getTime(),
    last_updated_timestamp: v.updatedAt.getTime(),
    current_stage: v.isArchived ? "Archived" : "None",
    description: v.description,
    source: v.sourceUri,
    ...(v.sourceRunId ? { run_id: v.sourceRunId } : {}),
    status: v.status,
    tags: tagList(v.tags),
    aliases: v.aliases,
    ...(v.loggedModelId ? { model_id: v.loggedModelId } : {}),
  };
}

export function mlflowRegisteredModel(m: TModelView, latest: TModelVersionView | null) {
  return {
    name: m.name,
    creation_timestamp: m.createdAt.getTime(),
    last_updated_timestamp: m.updatedAt.getTime(),
    description: m.description,
    ...(latest ? { latest_versions: [mlflowModelVersion(latest)] } : {}),
    tags: tagList(m.tags),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  };
}
