import { z } from "zod";
import { copyModelVersion } from "../services/models/copy-model-version";
import { deleteModelVersion } from "../services/models/delete-model-version";
import { findModelVersion } from "../services/models/find-model";
import { getModelVersion } from "../services/models/get-model-version";
import { registerModelFromRun } from "../services/models/register-model-from-run";
import { searchModelVersions } from "../services/models/search-model-versions";
import { updateModelVersion } from "../services/models/update-model-version";
import { endpoint, type TEndpoint } from "./endpoint";
import { actorOf } from "./mlflow-context";
import { MlflowError } from "./mlflow-error";
import { resolveModelSource } from "./model-source";
import { registryPage, registrySearchOf, ZMlflowTag, ZRegistrySearch, ZVersionNumber } from "./registry-schemas";
import { mlflowModelVersion } from "./registry-views";
import { registryArtifactUri } from "./registry-artifact-uri";

const ZVersionAddress = z.object({ name: z.string().min(1).max(255), version: ZVersionNumber });
const refOf = (input: { name: string; version: number }) => `${input.name}:${input.version}`;

/** MLflow's model-versions/* (model_registry.proto), on the workspace's registry. */
export const MODEL_VERSION_ENDPOINTS: Record<string, TEndpoint> = {
  "model-versions/create": endpoint(
    ["POST"],
    "model:write",
    z.object({
      name: z.string().min(1).max(255),
      source: z.string().min(1).max(2000),
      run_id: z.string().min(1).max(100).optional(),
      tags: z.array(ZMlflowTag).max(100).default([]),
      run_link: z.string().max(2000).optional(),
      description: z.string().max(5000).optional(),
      model_id: z.string().max(100).optional(),
    }),
    async (ctx, input) => {
      const source = await resolveModelSource(ctx.workspaceId, input.source);
      const target = {
        name: input.name,
        description: input.description,
        tags: Object.fromEntries(input.tags.map((t) => [t.key, t.value])),
      };
      if (source.kind !== "version" && input.run_id && input.run_id !== source.runId)
        throw new MlflowError(
          "INVALID_PARAMETER_VALUE",
          `source '${input.source}' is not an artifact of run ${input.run_id}`,
        );
      const version =
        source.kind === "version"
          ? await copyModelVersion(actorOf(ctx), ctx.workspaceId, source.ref, target, {
              uri: input.source,
              isModelCreated: false,
            })
          : await registerModelFromRun(actorOf(ctx), ctx.workspaceId, {
              target,
              runId: source.runId,
              path: source.path,
              uri: input.source,
              loggedModelId: source.kind === "logged" ? source.loggedModelId : (input.model_id ?? null),
              isModelCreated: false,
            });
      return { model_version: mlflowModelVersion(version) };
    },
  ),

  "model-versions/get": endpoint(["GET"], "model:read", ZVersionAddress, async (ctx, input) => ({
    model_version: mlflowModelVersion(await getModelVersion(ctx.workspaceId, refOf(input))),
  })),

  "model-versions/update": endpoint(
    ["PATCH"],
    "model:write",
    ZVersionAddress.extend({ description: z.string().max(5000).optional() }),
    async (ctx, input) => ({
      model_version: mlflowModelVersion(
        await updateModelVersion(actorOf(ctx), ctx.workspaceId, refOf(input), { description: input.description }),
      ),
    }),
  ),

  // Stages are deprecated in MLflow: "Archived" archives the version, any other stage leaves it as it is.
  "model-versions/transition-stage": endpoint(
    ["POST"],
    "model:write",
    ZVersionAddress.extend({
      stage: z.string().min(1).max(50),
      archive_existing_versions: z.coerce.boolean().optional(),
    }),
    async (ctx, input) => {
      const stage = input.stage.toLowerCase();
      if (!["none", "staging", "production", "archived"].includes(stage))
        throw new MlflowError("INVALID_PARAMETER_VALUE", `Invalid model version stage '${input.stage}'`);
      const version = await updateModelVersion(actorOf(ctx), ctx.workspaceId, refOf(input), {
        isArchived: stage === "archived",
      });
      return { model_version: mlflowModelVersion(version) };
    },
  ),

  "model-versions/delete": endpoint(["DELETE"], "model:delete", ZVersionAddress, async (ctx, input) => {
    await deleteModelVersion(actorOf(ctx), ctx.workspaceId, refOf(input));
    return {};
  }),

  "model-versions/search": endpoint(["GET"], "model:read", ZRegistrySearch(200_000, 10_000), async (ctx, input) => {
    const result = await searchModelVersions(ctx.workspaceId, registrySearchOf(input));
    return registryPage("model_versions", result.versions.map(mlflowModelVersion), result.nextPageToken);
  }),

  // Where the client's artifact repository downloads the version's own copy of its files.
  "model-versions/get-download-uri": endpoint(["GET"], "model:read", ZVersionAddress, async (ctx, input) => {
    const { version } = await findModelVersion(ctx.workspaceId, refOf(input));
    return { artifact_uri: registryArtifactUri(version.id) };
  }),

  "model-versions/set-tag": endpoint(
    ["POST"],
    "model:write",
    ZVersionAddress.extend(ZMlflowTag.shape),
    async (ctx, input) => {
      await updateModelVersion(actorOf(ctx), ctx.workspaceId, refOf(input), {
        setTag: { key: input.key, value: input.value },
      });
      return {};
    },
  ),

  "model-versions/delete-tag": endpoint(
    ["DELETE"],
    "model:write",
    ZVersionAddress.extend({ key: z.string().min(1).max(250) }),
    async (ctx, input) => {
      await updateModelVersion(actorOf(ctx), ctx.workspaceId, refOf(input), { deleteTagKey: input.key });
      return {};
    },
  ),
};
