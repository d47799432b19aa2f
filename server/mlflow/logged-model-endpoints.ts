import { z } from "zod";
import { createLoggedModel } from "../services/logged-models/create-logged-model";
import { findLoggedModel } from "../services/logged-models/find-logged-model";
import {
  MLFLOW_TO_MODEL_STATUS,
  ZLoggedModelId,
  ZMlflowModelStatus,
  ZModelParam,
  ZModelTag,
} from "../services/logged-models/logged-model-limits";
import { searchLoggedModels } from "../services/logged-models/search-logged-models";
import { updateLoggedModel } from "../services/logged-models/update-logged-model";
import { findRun } from "../services/runs/find-run";
import { MAX_PARAMS_PER_BATCH, MAX_TAGS_PER_BATCH, ZEntityKey } from "../services/runs/limits";
import { ZFilter } from "../services/runs/run-filter";
import { endpoint, type TEndpoint } from "./endpoint";
import type { TMlflowContext } from "./mlflow-context";
import { loggedModelView } from "./mlflow-views";

/** The run whose token may act on a model: its source run, as for the model's files. */
async function sourceRunOf(ctx: TMlflowContext, raw: Record<string, unknown>) {
  const id = ZLoggedModelId.safeParse(raw.model_id);
  return id.success ? (await findLoggedModel(ctx.workspaceId, id.data, true)).sourceRunId : undefined;
}

/**
 * MLflow 3's logged models (what `log_model` and autolog create), with the same actions as runs:
 * creating one is submitting a run's output, tagging and finalising it is logging to it,
 * deleting it is changing it. Keys with `{model_id}` take that path segment as input.
 */
export const LOGGED_MODEL_ENDPOINTS: Record<string, TEndpoint> = {
  "logged-models": endpoint(
    ["POST"],
    "run:submit",
    z.object({
      experiment_id: z.string().min(1),
      name: z.string().max(250).optional(),
      model_type: z.string().max(250).optional(),
      source_run_id: z.string().min(1).optional(),
      params: z.array(ZModelParam).max(MAX_PARAMS_PER_BATCH).default([]),
      tags: z.array(ZModelTag).max(MAX_TAGS_PER_BATCH).default([]),
    }),
    async (ctx, input) => {
      const model = await createLoggedModel(ctx.workspaceId, ctx.caller.userId, {
        experimentId: input.experiment_id,
        name: input.name,
        modelType: input.model_type,
        sourceRunId: input.source_run_id,
        params: input.params,
        tags: input.tags,
      });
      return { model: loggedModelView(model) };
    },
    async (_ctx, raw) => (typeof raw.source_run_id === "string" ? raw.source_run_id : undefined),
  ),

  "GET logged-models/{model_id}": endpoint(
    ["GET"],
    "experiment:read",
    z.object({ model_id: ZLoggedModelId, allow_deleted: z.enum(["true", "false"]).default("false") }),
    async (ctx, input) => ({
      model: loggedModelView(await findLoggedModel(ctx.workspaceId, input.model_id, input.allow_deleted === "true")),
    }),
    sourceRunOf,
  ),

  "PATCH logged-models/{model_id}": endpoint(
    ["PATCH"],
    "run:logMetrics",
    z.object({ model_id: ZLoggedModelId, status: ZMlflowModelStatus }),
    async (ctx, input) => ({
      model: loggedModelView(
        await updateLoggedModel(ctx.workspaceId, input.model_id, { status: MLFLOW_TO_MODEL_STATUS[input.status] }),
      ),
    }),
    sourceRunOf,
  ),

  "DELETE logged-models/{model_id}": endpoint(
    ["DELETE"],
    "run:update",
    z.object({ model_id: ZLoggedModelId }),
    async (ctx, input) => {
      await updateLoggedModel(ctx.workspaceId, input.model_id, { isDeleted: true });
      return {};
    },
    sourceRunOf,
  ),

  "logged-models/{model_id}/tags": endpoint(
    ["PATCH"],
    "run:logMetrics",
    z.object({ model_id: ZLoggedModelId, tags: z.array(ZModelTag).max(MAX_TAGS_PER_BATCH).default([]) }),
    async (ctx, input) => {
      await updateLoggedModel(ctx.workspaceId, input.model_id, { tags: input.tags });
      return {};
    },
    sourceRunOf,
  ),

  "logged-models/{model_id}/tags/{tag_key}": endpoint(
    ["DELETE"],
    "run:logMetrics",
    z.object({ model_id: ZLoggedModelId, tag_key: ZEntityKey }),
    async (ctx, input) => {
      await updateLoggedModel(ctx.workspaceId, input.model_id, { deleteTagKey: input.tag_key });
      return {};
    },
    sourceRunOf,
  ),

  "logged-models/{model_id}/params": endpoint(
    ["POST"],
    "run:logMetrics",
    z.object({ model_id: ZLoggedModelId, params: z.array(ZModelParam).max(MAX_PARAMS_PER_BATCH).default([]) }),
    async (ctx, input) => {
      await updateLoggedModel(ctx.workspaceId, input.model_id, { params: input.params });
      return {};
    },
    sourceRunOf,
  ),

  "logged-models/search": endpoint(
    ["POST"],
    "experiment:read",
    z.object({
      experiment_ids: z.array(z.string().max(100)).max(100).default([]),
      filter: ZFilter.optional(),
      max_results: z.coerce.number().int().min(1).max(1000).default(100),
      order_by: z
        .array(z.object({ field_name: z.string().max(100), ascending: z.boolean().default(true) }))
        .max(10)
        .default([]),
      page_token: z
        .string()
        .regex(/^\d{1,9}$/)
        .optional(),
    }),
    async (ctx, input) => {
      const result = await searchLoggedModels(ctx.workspaceId, {
        experimentIds: input.experiment_ids,
        filter: input.filter,
        orderBy: input.order_by.map((o) => ({ field: o.field_name, isAscending: o.ascending })),
        maxResults: input.max_results,
        pageToken: input.page_token,
      });
      return {
        models: result.models.map(loggedModelView),
        ...(result.nextPageToken ? { next_page_token: result.nextPageToken } : {}),
      };
    },
  ),

  // The model already names its source run; a model's output of another run is only checked to exist.
  "runs/outputs": endpoint(
    ["POST"],
    "run:logMetrics",
    z.object({
      run_id: z.string().min(1),
      models: z
        .array(z.object({ model_id: ZLoggedModelId, step: z.coerce.number().int().optional() }))
        .max(100)
        .default([]),
    }),
    async (ctx, input) => {
      await findRun(ctx.workspaceId, input.run_id);
      for (const m of input.models) await findLoggedModel(ctx.workspaceId, m.model_id);
      return {};
    },
  ),
};
