import { z } from "zod";
import { RUN_STATUSES } from "../../services/runs/run-status";
import { createRun } from "../../services/runs/create-run";
import { getMetricHistory } from "../../services/runs/get-metric-history";
import {
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_PER_BATCH,
  MAX_TAGS_PER_BATCH,
  ZEntityKey,
  ZParamInput,
  ZTagInput,
} from "../../services/runs/limits";
import { logBatch } from "../../services/runs/log-batch";
import { encodeFloat, ZEncodedFloat, ZMetricValue } from "../../services/runs/metric-value";
import { ZEpochMs, ZInstant, ZStep } from "../../services/runs/metric-point";
import { MAX_ORDER_BY_COUNT, ZFilter, ZOrderBy } from "../../services/runs/run-filter";
import { searchRuns } from "../../services/runs/search-runs";
import { updateRun } from "../../services/runs/update-run";
import { getRunView } from "../../services/runs/get-run-view";
import { listArtifacts } from "../../services/artifacts/list-artifacts";
import { purgeRun } from "../../services/runs/purge-run";
import { listDatasetInputs, logDatasetInputs, ZDatasetInput } from "../../services/runs/dataset-inputs";
import { findRun } from "../../services/runs/find-run";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";

const ZStatus = z.enum(RUN_STATUSES);
const ZMetricSummary = z.object({
  last: ZEncodedFloat,
  lastStep: z.number(),
  lastTimestamp: z.number(),
  min: ZEncodedFloat.nullable(),
  max: ZEncodedFloat.nullable(),
  count: z.number(),
});
const ZRun = z.object({
  id: z.string(),
  experimentId: z.string(),
  parentRunId: z.string().nullable(),
  displayName: z.string(),
  status: ZStatus,
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  notes: z.string(),
  git: z.object({
    repo: z.string().nullable(),
    branch: z.string().nullable(),
    commit: z.string().nullable(),
    isDirty: z.boolean().nullable(),
  }),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  isDeleted: z.boolean(),
  childCount: z.number(),
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), ZMetricSummary),
});
const base = "/workspaces/{workspaceId}/runs";

export const runsRouter = router({
  create: workspaceProcedure("run:submit")
    .meta({
      openapi: {
        method: "POST",
        path: base,
        tags: ["runs"],
        summary: "Start a run; names an experiment by id or by name (created when missing)",
      },
    })
    .input(
      z.object({
        experimentId: z.string().min(1).optional(),
        experimentName: z.string().trim().min(1).max(500).optional(),
        displayName: z.string().max(250).optional(),
        parentRunId: z.string().min(1).optional(),
        status: ZStatus.optional(),
        notes: z.string().max(20_000).optional(),
        git: z
          .object({
            repo: z.string().max(1000).optional(),
            branch: z.string().max(250).optional(),
            commit: z.string().max(64).optional(),
            isDirty: z.boolean().optional(),
          })
          .optional(),
        tags: z.array(ZTagInput).max(MAX_TAGS_PER_BATCH).optional(),
        params: z.array(ZParamInput).max(MAX_PARAMS_PER_BATCH).optional(),
      }),
    )
    .output(ZRun)
    .mutation(async ({ ctx, input }) => {
      const run = await createRun(ctx.workspace.id, ctx.caller.userId, input);
      return getRunView(ctx.workspace.id, run.id);
    }),

  byId: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}`,
        tags: ["runs"],
        summary: "A run with its params, tags and metric summaries",
      },
    })
    .input(z.object({ runId: z.string().min(1) }))
    .output(ZRun)
    .query(({ ctx, input }) => getRunView(ctx.workspace.id, input.runId)),

  search: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/search`,
        tags: ["runs"],
        summary: "Search runs with the filter grammar (metrics.acc > 0.9 and params.lr = '0.01')",
      },
    })
    .input(
      z.object({
        experimentIds: z.array(z.string().min(1)).max(100).optional(),
        filter: ZFilter.optional(),
        orderBy: z.array(ZOrderBy).max(MAX_ORDER_BY_COUNT).optional(),
        view: z.enum(["active", "deleted", "all"]).default("active"),
        maxResults: z.number().int().min(1).max(50_000).default(1000),
        pageToken: z.string().max(100).optional(),
        parentRunId: z.string().nullable().optional(),
      }),
    )
    .output(z.object({ runs: z.array(ZRun), nextPageToken: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const { runs, nextPageToken } = await searchRuns(ctx.workspace.id, input);
      return { runs, nextPageToken };
    }),

  update: workspaceProcedure("run:update")
    .meta({
      openapi: {
        method: "PATCH",
        path: `${base}/{runId}`,
        tags: ["runs"],
        summary: "Change status, name or notes; delete or restore",
      },
    })
    .input(
      z.object({
        runId: z.string().min(1),
        status: ZStatus.optional(),
        displayName: z.string().trim().min(1).max(250).optional(),
        notes: z.string().max(20_000).optional(),
        endedAt: ZInstant.optional(),
        isDeleted: z.boolean().optional(),
      }),
    )
    .output(ZRun)
    .mutation(async ({ ctx, input }) => {
      const { runId, ...changes } = input;
      await updateRun(ctx.actor, ctx.workspace.id, runId, changes);
      return getRunView(ctx.workspace.id, runId);
    }),

  logBatch: workspaceProcedure("run:logMetrics")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/{runId}/log-batch`,
        tags: ["runs"],
        summary: "Log up to 1,000 metrics, 100 params and 100 tags at once, all or nothing",
      },
    })
    .input(
      z.object({
        runId: z.string().min(1),
        metrics: z
          .array(
            z.object({
              key: ZEntityKey,
              value: ZMetricValue,
              step: ZStep.default(0),
              timestamp: ZEpochMs.optional(),
            }),
          )
          .max(MAX_METRICS_PER_BATCH)
          .default([]),
        params: z.array(ZParamInput).max(MAX_PARAMS_PER_BATCH).default([]),
        tags: z.array(ZTagInput).max(MAX_TAGS_PER_BATCH).default([]),
        batchId: z.string().min(8).max(64).optional(),
      }),
    )
    .output(z.object({ metrics: z.number(), params: z.number(), tags: z.number(), isDuplicate: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const now = Date.now();
      const metrics = input.metrics.map((m) => ({ ...m, timestamp: m.timestamp ?? now }));
      const isApplied = await logBatch(ctx.workspace.id, input.runId, {
        metrics,
        params: input.params,
        tags: input.tags,
        batchId: input.batchId,
      });
      return { metrics: metrics.length, params: input.params.length, tags: input.tags.length, isDuplicate: !isApplied };
    }),

  metricHistory: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}/metric-history`,
        tags: ["runs"],
        summary: "A metric's points, downsampled to about `buckets` min/max buckets when longer",
      },
    })
    .input(
      z.object({
        runId: z.string().min(1),
        key: ZEntityKey,
        startStep: z.coerce.number().int().optional(),
        endStep: z.coerce.number().int().optional(),
        buckets: z.coerce.number().int().min(10).max(10_000).default(1000),
      }),
    )
    .output(
      z.object({
        key: z.string(),
        total: z.number(),
        isDownsampled: z.boolean(),
        points: z.array(z.object({ step: z.number(), value: ZEncodedFloat, timestamp: z.number() })).optional(),
        buckets: z
          .array(
            z.object({
              stepStart: z.number(),
              stepEnd: z.number(),
              min: z.number().nullable(),
              max: z.number().nullable(),
              mean: z.number().nullable(),
              count: z.number(),
              timestamp: z.number(),
            }),
          )
          .optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { runId, ...query } = input;
      const history = await getMetricHistory(ctx.workspace.id, runId, query);
      return history.isDownsampled
        ? history
        : { ...history, points: history.points.map((p) => ({ ...p, value: encodeFloat(p.value) })) };
    }),

  artifacts: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}/artifacts`,
        tags: ["runs"],
        summary: "Files and folders directly under `path` in a run's artifacts",
      },
    })
    .input(z.object({ runId: z.string().min(1), path: z.string().max(1000).default("") }))
    .output(
      z.array(
        z.object({
          path: z.string(),
          name: z.string(),
          isDir: z.boolean(),
          size: z.number().nullable(),
          sha256: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listArtifacts(ctx.workspace.id, input.runId, input.path)),

  datasetInputs: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}/inputs`,
        tags: ["runs"],
        summary: "Datasets the run read (MLflow log-inputs)",
      },
    })
    .input(z.object({ runId: z.string().min(1) }))
    .output(
      z.array(
        z.object({
          name: z.string(),
          digest: z.string(),
          sourceType: z.string(),
          source: z.string(),
          schema: z.string().nullable(),
          profile: z.string().nullable(),
          tags: z.record(z.string(), z.string()),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      await findRun(ctx.workspace.id, input.runId);
      return (await listDatasetInputs([input.runId]))[input.runId] ?? [];
    }),

  logInputs: workspaceProcedure("run:logMetrics")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/{runId}/inputs`,
        tags: ["runs"],
        summary: "Record datasets the run read; the same name and digest again updates the tags",
      },
    })
    .input(z.object({ runId: z.string().min(1), datasets: z.array(ZDatasetInput).min(1).max(1000) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await logDatasetInputs(ctx.workspace.id, input.runId, input.datasets);
      return DONE;
    }),

  purge: workspaceProcedure("run:update")
    .meta({
      openapi: {
        method: "DELETE",
        path: `${base}/{runId}`,
        tags: ["runs"],
        summary: "Remove a deleted run for good, with its metrics and artifact files",
      },
    })
    .input(z.object({ runId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await purgeRun(ctx.actor, ctx.workspace.id, input.runId);
      return DONE;
    }),
});
