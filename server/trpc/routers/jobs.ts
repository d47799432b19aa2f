import { z } from "zod";
import { AppError } from "../../errors";
import { cancelJob } from "../../jobs/cancel-job";
import { getJobView } from "../../jobs/get-job-view";
import { isDataInput, isModelInput, JobSpecError, parseJobSpec } from "../../jobs/job-spec";
import { listLogLines, MAX_LOG_PAGE, MAX_LOG_SEQ } from "../../jobs/list-log-lines";
import { submitJob } from "../../jobs/submit-job";
import { assertCan } from "../../rbac/access";
import { router, workspaceProcedure } from "../trpc";

const ZIssue = z.object({ path: z.string(), line: z.number().nullable(), message: z.string() });
const ZJobView = z.object({
  command: z.string(),
  compute: z.string(),
  computeTarget: z.string().nullable(),
  host: z.string().nullable(),
  environment: z.object({ name: z.string(), version: z.number() }).nullable(),
  image: z.string(),
  imageHash: z.string(),
  resources: z.object({ cpu: z.number().nullable(), memoryBytes: z.number().nullable(), gpus: z.number() }),
  timeoutS: z.number().nullable(),
  attempt: z.number(),
  maxAttempts: z.number(),
  isWaitingForCode: z.boolean(),
  isCancelRequested: z.boolean(),
  exitCode: z.number().nullable(),
  failureReason: z.string().nullable(),
  hasSnapshot: z.boolean(),
  yaml: z.string().nullable(),
  spec: z.record(z.string(), z.unknown()),
});
const base = "/workspaces/{workspaceId}/jobs";

function parseOrThrow(source: string | unknown) {
  try {
    return parseJobSpec(source);
  } catch (error) {
    if (error instanceof JobSpecError) throw new AppError("BAD_REQUEST", `Invalid job spec:\n${error.message}`);
    throw error;
  }
}

export const jobsRouter = router({
  validate: workspaceProcedure("run:submit")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/validate`,
        tags: ["jobs"],
        summary: "Check a job spec; issues name the line and field",
      },
    })
    .input(z.object({ yaml: z.string().max(200_000) }))
    .output(z.object({ isValid: z.boolean(), issues: z.array(ZIssue) }))
    .mutation(({ input }) => {
      try {
        parseJobSpec(input.yaml);
        return { isValid: true, issues: [] };
      } catch (error) {
        if (error instanceof JobSpecError) return { isValid: false, issues: error.issues };
        throw error;
      }
    }),

  submit: workspaceProcedure("run:submit")
    .meta({
      openapi: {
        method: "POST",
        path: base,
        tags: ["jobs"],
        summary: "Submit a command job (YAML or an object); with hasCode it waits for the snapshot upload",
      },
    })
    .input(
      z.object({
        yaml: z.string().max(200_000).optional(),
        spec: z.record(z.string(), z.unknown()).optional(),
        hasCode: z.boolean().default(false),
        snapshotFromRunId: z.string().min(1).optional(),
      }),
    )
    .output(z.object({ runId: z.string(), experimentId: z.string(), displayName: z.string(), status: z.string() }))
    .mutation(async ({ ctx, input }) => {
      if ((input.yaml === undefined) === (input.spec === undefined))
        throw new AppError("BAD_REQUEST", "Give the job as yaml or as spec, not both");
      const spec = parseOrThrow(input.yaml ?? input.spec);
      // The job reads data and model files and registers data: only for a caller who may do so.
      const inputs = Object.values(spec.inputs);
      if (inputs.some(isModelInput)) assertCan(ctx.role, "model:read");
      if (inputs.some(isDataInput)) assertCan(ctx.role, "data:read");
      if (Object.keys(spec.outputs).length) assertCan(ctx.role, "data:write");
      if (input.hasCode && input.snapshotFromRunId)
        throw new AppError("BAD_REQUEST", "Give hasCode (upload a snapshot next) or snapshotFromRunId, not both");
      const run = await submitJob(ctx.actor, ctx.workspace.id, {
        spec,
        hasCode: input.hasCode,
        source: input.yaml,
        snapshotFromRunId: input.snapshotFromRunId,
      });
      return { runId: run.id, experimentId: run.experimentId, displayName: run.displayName, status: run.status };
    }),

  byRun: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}`,
        tags: ["jobs"],
        summary: "A run's job: command, environment, compute, host, limits, exit",
      },
    })
    .input(z.object({ runId: z.string().min(1) }))
    .output(ZJobView.nullable())
    .query(({ ctx, input }) => getJobView(ctx.workspace.id, input.runId)),

  cancel: workspaceProcedure("run:cancel")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/{runId}/cancel`,
        tags: ["jobs"],
        summary: "Cancel a queued or running run",
      },
    })
    .input(z.object({ runId: z.string().min(1) }))
    .output(z.object({ status: z.enum(["Canceled", "Canceling"]) }))
    .mutation(({ ctx, input }) => cancelJob(ctx.actor, ctx.workspace.id, input.runId)),

  logs: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/{runId}/logs`,
        tags: ["jobs"],
        summary: "Console lines after a sequence number (the live feed is GET /api/v1/runs/{runId}/logs/stream)",
      },
    })
    .input(
      z.object({
        runId: z.string().min(1),
        afterSeq: z.coerce.number().int().min(0).max(MAX_LOG_SEQ).optional(),
        limit: z.coerce.number().int().min(1).max(MAX_LOG_PAGE).optional(),
        search: z.string().max(500).optional(),
      }),
    )
    .output(
      z.object({
        lines: z.array(z.object({ seq: z.number(), stream: z.string(), text: z.string(), time: z.date() })),
        lastSeq: z.number(),
        hasMore: z.boolean(),
      }),
    )
    .query(({ ctx, input }) => listLogLines(ctx.workspace.id, input.runId, input)),
});
