import { z } from "zod";
import { createRegisteredModel } from "../services/models/create-registered-model";
import { deleteModel } from "../services/models/delete-model";
import { getModel } from "../services/models/get-model";
import { getModelVersion } from "../services/models/get-model-version";
import { listModels } from "../services/models/list-models";
import { ZModelAlias, ZModelName } from "../services/models/model-input";
import { deleteModelAlias, setModelAlias } from "../services/models/set-model-alias";
import { updateModel } from "../services/models/update-model";
import { endpoint, type TEndpoint } from "./endpoint";
import { actorOf, type TMlflowContext } from "./mlflow-context";
import { mlflowModelVersion, mlflowRegisteredModel } from "./registry-views";
import { registryPage, registrySearchOf, ZMlflowTag, ZRegistrySearch, ZVersionNumber } from "./registry-schemas";

const ZName = z.object({ name: z.string().min(1).max(255) });
const tagsOf = (tags: readonly { key: string; value: string }[]) =>
  Object.fromEntries(tags.map((t) => [t.key, t.value]));

async function registeredModelOf(ctx: TMlflowContext, name: string) {
  const model = await getModel(ctx.workspaceId, name);
  const latest = model.versions.find((v) => !v.isArchived) ?? null;
  return mlflowRegisteredModel(model, latest);
}

/** MLflow's registered-models/* (model_registry.proto), on the workspace's registry. */
export const REGISTERED_MODEL_ENDPOINTS: Record<string, TEndpoint> = {
  "registered-models/create": endpoint(
    ["POST"],
    "model:write",
    z.object({
      name: ZModelName,
      tags: z.array(ZMlflowTag).max(100).default([]),
      description: z.string().max(5000).optional(),
    }),
    async (ctx, input) => {
      await createRegisteredModel(actorOf(ctx), ctx.workspaceId, {
        name: input.name,
        description: input.description,
        tags: tagsOf(input.tags),
      });
      return { registered_model: await registeredModelOf(ctx, input.name) };
    },
  ),

  "registered-models/get": endpoint(["GET"], "model:read", ZName, async (ctx, input) => ({
    registered_model: await registeredModelOf(ctx, input.name),
  })),

  "registered-models/rename": endpoint(
    ["POST"],
    "model:write",
    ZName.extend({ new_name: ZModelName }),
    async (ctx, input) => {
      await updateModel(actorOf(ctx), ctx.workspaceId, input.name, { newName: input.new_name });
      return { registered_model: await registeredModelOf(ctx, input.new_name) };
    },
  ),

  "registered-models/update": endpoint(
    ["PATCH"],
    "model:write",
    ZName.extend({ description: z.string().max(5000).optional() }),
    async (ctx, input) => {
      await updateModel(actorOf(ctx), ctx.workspaceId, input.name, { description: input.description });
      return { registered_model: await registeredModelOf(ctx, input.name) };
    },
  ),

  "registered-models/delete": endpoint(["DELETE"], "model:delete", ZName, async (ctx, input) => {
    await deleteModel(actorOf(ctx), ctx.workspaceId, input.name);
    return {};
  }),

  "registered-models/search": endpoint(["GET"], "model:read", ZRegistrySearch(1000, 100), async (ctx, input) => {
    const result = await listModels(ctx.workspaceId, registrySearchOf(input));
    const models = await Promise.all(result.models.map((m) => registeredModelOf(ctx, m.name)));
    return registryPage("registered_models", models, result.nextPageToken);
  }),

  // Stages are deprecated: every version is in "None", so asking for other stages finds nothing.
  "registered-models/get-latest-versions": endpoint(
    ["POST", "GET"],
    "model:read",
    ZName.extend({ stages: z.union([z.string(), z.array(z.string())]).optional() }),
    async (ctx, input) => {
      const model = await getModel(ctx.workspaceId, input.name);
      const stages = input.stages === undefined ? [] : [input.stages].flat().map((s) => s.toLowerCase());
      const latest = model.versions.find((v) => !v.isArchived);
      const wanted = stages.length === 0 || stages.includes("none");
      return { model_versions: latest && wanted ? [mlflowModelVersion(latest)] : [] };
    },
  ),

  "registered-models/set-tag": endpoint(["POST"], "model:write", ZName.extend(ZMlflowTag.shape), async (ctx, input) => {
    await updateModel(actorOf(ctx), ctx.workspaceId, input.name, {
      setTag: { key: input.key, value: input.value },
    });
    return {};
  }),

  "registered-models/delete-tag": endpoint(
    ["DELETE"],
    "model:write",
    ZName.extend({ key: z.string().min(1).max(250) }),
    async (ctx, input) => {
      await updateModel(actorOf(ctx), ctx.workspaceId, input.name, { deleteTagKey: input.key });
      return {};
    },
  ),

  "POST registered-models/alias": endpoint(
    ["POST"],
    "model:write",
    ZName.extend({ alias: ZModelAlias, version: ZVersionNumber }),
    async (ctx, input) => {
      await setModelAlias(actorOf(ctx), ctx.workspaceId, input);
      return {};
    },
  ),

  "DELETE registered-models/alias": endpoint(
    ["DELETE"],
    "model:write",
    ZName.extend({ alias: z.string().min(1).max(255) }),
    async (ctx, input) => {
      await deleteModelAlias(actorOf(ctx), ctx.workspaceId, input);
      return {};
    },
  ),

  "GET registered-models/alias": endpoint(
    ["GET"],
    "model:read",
    ZName.extend({ alias: z.string().min(1).max(255) }),
    async (ctx, input) => ({
      model_version: mlflowModelVersion(await getModelVersion(ctx.workspaceId, `${input.name}@${input.alias}`)),
    }),
  ),
};
