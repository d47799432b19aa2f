import { z } from "zod";
import { AppError } from "../errors";
import { createRun } from "../services/runs/create-run";
import { deleteRunTag } from "../services/runs/delete-run-tag";
import { getRunView } from "../services/runs/get-run-view";
import {
  MAX_METRICS_PER_BATCH,
  MAX_PARAM_VALUE_LENGTH,
  MAX_PARAMS_PER_BATCH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS_PER_BATCH,
  ZEntityKey,
} from "../services/runs/limits";
import { listMetricPoints } from "../services/runs/list-metric-points";
import { listDatasetInputs, logDatasetInputs, ZDatasetInput } from "../services/runs/dataset-inputs";
import { logBatch } from "../services/runs/log-batch";
import { ZEpochMs, ZStep } from "../services/runs/metric-point";
import { ZMetricValue } from "../services/runs/metric-value";
import { ZFilter, ZMlflowOrderBy } from "../services/runs/run-filter";
import { searchRuns } from "../services/runs/search-runs";
import { updateRun } from "../services/runs/update-run";
import { endpoint, type TEndpoint } from "./endpoint";
import { actorOf, type TMlflowContext } from "./mlflow-context";
import { MLFLOW_TO_STATUS } from "../services/runs/run-status";
import { runInfoView, runView } from "./mlflow-views";

const ZRunId = z.string().min(1);
// MLflow clients send both run_id and the older run_uuid; either names the run.
const withRunId = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ run_id: ZRunId.optional(), run_uuid: ZRunId.optional(), ...shape }).transform((v, c) => {
    const ids = v as { run_id?: string; run_uuid?: string };
    const runId = ids.run_id ?? ids.run_uuid;
    if (!runId) {
      c.addIssue({ code: "custom", path: ["run_id"], message: "Missing value for required parameter 'run_id'" });
      return z.NEVER;
    }
    return { ...v, runId };
  });
const ZKeyValue = (max: number) => z.object({ key: ZEntityKey, value: z.coerce.string().max(max) });
// MLflow clients send numbers as JSON numbers or, in GET queries, as strings.
const ZMetric = z.object({
  key: ZEntityKey,
  value: ZMetricValue,
  timestamp: z.coerce.number().pipe(ZEpochMs),
  step: z.coerce.number().pipe(ZStep).default(0),
});
const ZTime = z.coerce.number().pipe(ZEpochMs);
const ZStatusName = z.enum(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"]);

async function view(ctx: TMlflowContext, runId: string) {
  const [run, inputs] = await Promise.all([getRunView(ctx.workspaceId, runId), listDatasetInputs([runId])]);
  return runView(run, inputs[runId]);
}

/** System tags MLflow clients set that we keep as run fields rather than tags. */
const FIELD_TAGS = new Set(["mlflow.runName", "mlflow.parentRunId", "mlflow.user"]);

export const RUN_ENDPOINTS: Record<string, TEndpoint> = {
  "runs/create": endpoint(
    ["POST"],
    "run:submit",
    z.object({
      experiment_id: z.string().min(1).default("0"),
      user_id: z.string().optional(),
      run_name: z.string().max(250).optional(),
      start_time: ZTime.optional(),
      tags: z.array(ZKeyValue(MAX_TAG_VALUE_LENGTH)).max(MAX_TAGS_PER_BATCH).default([]),
    }),
    async (ctx, input) => {
      const tag = (k: string) => input.tags.find((t) => t.key === k)?.value;
      // "0" is MLflow's default experiment: here, one named "Default", made on first use.
      const isDefault = input.experiment_id === "0";
      const run = await createRun(ctx.workspaceId, ctx.caller.userId, {
        experimentId: isDefault ? undefined : input.experiment_id,
        experimentName: isDefault ? "Default" : undefined,
        displayName: input.run_name ?? tag("mlflow.runName"),
        parentRunId: tag("mlflow.parentRunId"),
        startedAt: input.start_time ? new Date(input.start_time) : undefined,
        git: tag("mlflow.source.git.commit") ? { commit: tag("mlflow.source.git.commit") } : undefined,
        tags: input.tags.filter((t) => !FIELD_TAGS.has(t.key)),
      });
      return { run: await view(ctx, run.id) };
    },
  ),

  "runs/get": endpoint(["GET"], "experiment:read", withRunId({}), async (ctx, input) => ({
    run: await view(ctx, input.runId),
  })),

  "runs/update": endpoint(
    ["POST"],
    "run:update",
    withRunId({
      status: ZStatusName.optional(),
      end_time: ZTime.optional(),
      run_name: z.string().trim().min(1).max(250).optional(),
    }),
    async (ctx, input) => {
      await updateRun(actorOf(ctx), ctx.workspaceId, input.runId, {
        status: input.status ? MLFLOW_TO_STATUS[input.status] : undefined,
        endedAt: input.end_time ? new Date(input.end_time) : undefined,
        displayName: input.run_name,
      });
      return { run_info: runInfoView(await getRunView(ctx.workspaceId, input.runId)) };
    },
  ),

  "runs/delete": endpoint(["POST"], "run:update", withRunId({}), async (ctx, input) => {
    await updateRun(actorOf(ctx), ctx.workspaceId, input.runId, { isDeleted: true });
    return {};
  }),

  "runs/restore": endpoint(["POST"], "run:update", withRunId({}), async (ctx, input) => {
    await updateRun(actorOf(ctx), ctx.workspaceId, input.runId, { isDeleted: false });
    return {};
  }),

  "runs/search": endpoint(
    ["POST", "GET"],
    "experiment:read",
    z.object({
      experiment_ids: z.union([z.string().max(100), z.array(z.string().max(100)).max(100)]).optional(),
      filter: ZFilter.optional(),
      run_view_type: z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY"),
      max_results: z.coerce.number().int().min(1).max(50_000).default(1000),
      order_by: ZMlflowOrderBy.optional(),
      page_token: z.string().max(100).optional(),
    }),
    async (ctx, input) => {
      const { runs, datasetInputs, nextPageToken } = await searchRuns(
        ctx.workspaceId,
        {
          experimentIds: [input.experiment_ids ?? []].flat(),
          filter: input.filter,
          orderBy: [input.order_by ?? []].flat(),
          view:
            input.run_view_type === "ACTIVE_ONLY"
              ? "active"
              : input.run_view_type === "DELETED_ONLY"
                ? "deleted"
                : "all",
          maxResults: input.max_results,
          pageToken: input.page_token,
        },
        { isWithDatasetInputs: true },
      );
      return {
        runs: runs.map((r) => runView(r, datasetInputs[r.id])),
        ...(nextPageToken ? { next_page_token: nextPageToken } : {}),
      };
    },
  ),

  "runs/log-metric": endpoint(["POST"], "run:logMetrics", withRunId(ZMetric.shape), async (ctx, input) => {
    await logBatch(ctx.workspaceId, input.runId, {
      metrics: [{ key: input.key, value: input.value, step: input.step, timestamp: input.timestamp }],
      params: [],
      tags: [],
    });
    return {};
  }),

  "runs/log-parameter": endpoint(
    ["POST"],
    "run:logMetrics",
    withRunId({ key: ZEntityKey, value: z.coerce.string().max(MAX_PARAM_VALUE_LENGTH) }),
    async (ctx, input) => {
      await logBatch(ctx.workspaceId, input.runId, {
        metrics: [],
        params: [{ key: input.key, value: input.value }],
        tags: [],
      });
      return {};
    },
  ),

  "runs/set-tag": endpoint(
    ["POST"],
    "run:logMetrics",
    withRunId({ key: ZEntityKey, value: z.coerce.string().max(MAX_TAG_VALUE_LENGTH) }),
    async (ctx, input) => {
      if (input.key === "mlflow.runName")
        await updateRun(actorOf(ctx), ctx.workspaceId, input.runId, { displayName: input.value });
      else
        await logBatch(ctx.workspaceId, input.runId, {
          metrics: [],
          params: [],
          tags: [{ key: input.key, value: input.value }],
        });
      return {};
    },
  ),

  "runs/delete-tag": endpoint(["POST"], "run:logMetrics", withRunId({ key: ZEntityKey }), async (ctx, input) => {
    await deleteRunTag(ctx.workspaceId, input.runId, input.key);
    return {};
  }),

  "runs/log-batch": endpoint(
    ["POST"],
    "run:logMetrics",
    withRunId({
      metrics: z.array(ZMetric).max(MAX_METRICS_PER_BATCH).default([]),
      params: z.array(ZKeyValue(MAX_PARAM_VALUE_LENGTH)).max(MAX_PARAMS_PER_BATCH).default([]),
      tags: z.array(ZKeyValue(MAX_TAG_VALUE_LENGTH)).max(MAX_TAGS_PER_BATCH).default([]),
    }),
    async (ctx, input) => {
      if (input.metrics.length + input.params.length + input.tags.length > 1000) {
        throw new AppError("BAD_REQUEST", "A batch holds at most 1000 metrics, params and tags together");
      }
      await logBatch(ctx.workspaceId, input.runId, { metrics: input.metrics, params: input.params, tags: input.tags });
      return {};
    },
  ),

  "runs/log-inputs": endpoint(
    ["POST"],
    "run:logMetrics",
    withRunId({ datasets: z.array(ZDatasetInput).max(1000).default([]) }),
    async (ctx, input) => {
      await logDatasetInputs(ctx.workspaceId, input.runId, input.datasets);
      return {};
    },
  ),

  "metrics/get-history": endpoint(
    ["GET"],
    "experiment:read",
    withRunId({
      metric_key: ZEntityKey,
      max_results: z.coerce.number().int().min(1).max(25_000).default(25_000),
      page_token: z.string().optional(),
    }),
    async (ctx, input) => {
      const page = await listMetricPoints(
        ctx.workspaceId,
        input.runId,
        input.metric_key,
        input.max_results,
        input.page_token,
      );
      return {
        metrics: page.points.map((p) => ({
          key: input.metric_key,
          value: p.value,
          timestamp: p.timestamp,
          step: p.step,
        })),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  ),
};
