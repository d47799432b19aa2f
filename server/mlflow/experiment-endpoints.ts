import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { createExperiment } from "../services/experiments/create-experiment";
import { findExperiment } from "../services/experiments/find-experiment";
import { searchExperiments } from "../services/experiments/search-experiments";
import { updateExperiment } from "../services/experiments/update-experiment";
import { MAX_TAG_VALUE_LENGTH, ZEntityKey, ZTagInput } from "../services/runs/limits";
import { ZFilter, ZMlflowOrderBy } from "../services/runs/run-filter";
import { endpoint, type TEndpoint } from "./endpoint";
import { experimentView } from "./mlflow-views";

const ZId = z.string().min(1);
const ZViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY");

export const EXPERIMENT_ENDPOINTS: Record<string, TEndpoint> = {
  "experiments/create": endpoint(
    ["POST"],
    "experiment:write",
    z.object({
      name: z.string().trim().min(1).max(500),
      artifact_location: z.string().optional(),
      tags: z.array(ZTagInput).max(100).default([]),
    }),
    async (ctx, input) => {
      const existing = await db().experiment.findUnique({
        where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.name } },
      });
      if (existing) throw new AppError("CONFLICT", `Experiment '${input.name}' already exists.`);
      const e = await createExperiment(ctx.workspaceId, ctx.caller.userId, { name: input.name, tags: input.tags });
      return { experiment_id: e.id };
    },
  ),

  "experiments/get": endpoint(["GET"], "experiment:read", z.object({ experiment_id: ZId }), async (ctx, input) => ({
    experiment: experimentView(await findExperiment(ctx.workspaceId, input.experiment_id)),
  })),

  "experiments/get-by-name": endpoint(
    ["GET"],
    "experiment:read",
    z.object({ experiment_name: z.string().min(1) }),
    async (ctx, input) => {
      const e = await db().experiment.findUnique({
        where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.experiment_name } },
        include: { tags: true },
      });
      if (!e) throw new AppError("NOT_FOUND", `Could not find experiment with name '${input.experiment_name}'`);
      return { experiment: experimentView(e) };
    },
  ),

  "experiments/search": endpoint(
    ["GET", "POST"],
    "experiment:read",
    z.object({
      max_results: z.coerce.number().int().min(1).max(50_000).default(1000),
      page_token: z.string().max(100).optional(),
      filter: ZFilter.optional(),
      order_by: ZMlflowOrderBy.optional(),
      view_type: ZViewType,
    }),
    async (ctx, input) => {
      const result = await searchExperiments(ctx.workspaceId, {
        filter: input.filter,
        orderBy: [input.order_by ?? []].flat(),
        view: input.view_type === "ACTIVE_ONLY" ? "active" : input.view_type === "DELETED_ONLY" ? "deleted" : "all",
        maxResults: input.max_results,
        pageToken: input.page_token,
      });
      return {
        experiments: result.experiments.map(experimentView),
        ...(result.nextPageToken ? { next_page_token: result.nextPageToken } : {}),
      };
    },
  ),

  "experiments/update": endpoint(
    ["POST", "PATCH"],
    "experiment:write",
    z.object({ experiment_id: ZId, new_name: z.string().trim().min(1).max(500).optional() }),
    async (ctx, input) => {
      await updateExperiment(ctx.workspaceId, input.experiment_id, { name: input.new_name });
      return {};
    },
  ),

  "experiments/delete": endpoint(
    ["POST", "DELETE"],
    "experiment:write",
    z.object({ experiment_id: ZId }),
    async (ctx, input) => {
      await updateExperiment(ctx.workspaceId, input.experiment_id, { isArchived: true });
      return {};
    },
  ),

  "experiments/restore": endpoint(
    ["POST"],
    "experiment:write",
    z.object({ experiment_id: ZId }),
    async (ctx, input) => {
      await updateExperiment(ctx.workspaceId, input.experiment_id, { isArchived: false });
      return {};
    },
  ),

  "experiments/set-experiment-tag": endpoint(
    ["POST"],
    "experiment:write",
    z.object({ experiment_id: ZId, key: ZEntityKey, value: z.string().max(MAX_TAG_VALUE_LENGTH) }),
    async (ctx, input) => {
      await updateExperiment(ctx.workspaceId, input.experiment_id, { tags: [{ key: input.key, value: input.value }] });
      return {};
    },
  ),
};
