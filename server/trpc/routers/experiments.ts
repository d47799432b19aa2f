import { z } from "zod";
import { createExperiment } from "../../services/experiments/create-experiment";
import { ZExperimentName } from "../../services/experiments/experiment-name";
import { findExperiment } from "../../services/experiments/find-experiment";
import { listExperiments } from "../../services/experiments/list-experiments";
import { purgeExperiment } from "../../services/experiments/purge-experiment";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { ZTagInput } from "../../services/runs/limits";
import { router, workspaceProcedure } from "../trpc";

const ZExperiment = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  isArchived: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const view = (e: {
  id: string;
  name: string;
  description: string;
  tags: { key: string; value: string }[];
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}) => ({
  id: e.id,
  name: e.name,
  description: e.description,
  tags: e.tags.map(({ key, value }) => ({ key, value })),
  isArchived: e.deletedAt !== null,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});
const base = "/workspaces/{workspaceId}/experiments";

export const experimentsRouter = router({
  list: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: base,
        tags: ["experiments"],
        summary: "Experiments with run counts and last activity",
      },
    })
    .input(z.object({ search: z.string().max(200).optional(), isArchived: z.coerce.boolean().optional() }))
    .output(z.array(ZExperiment.extend({ runCount: z.number(), lastActivityAt: z.date() })))
    .query(async ({ ctx, input }) =>
      (await listExperiments(ctx.workspace.id, input)).map((e) => ({
        ...view(e),
        runCount: e.runCount,
        lastActivityAt: e.lastActivityAt,
      })),
    ),

  byId: workspaceProcedure("experiment:read")
    .meta({
      openapi: { method: "GET", path: `${base}/{experimentId}`, tags: ["experiments"], summary: "An experiment" },
    })
    .input(z.object({ experimentId: z.string().min(1) }))
    .output(ZExperiment)
    .query(async ({ ctx, input }) => view(await findExperiment(ctx.workspace.id, input.experimentId))),

  create: workspaceProcedure("experiment:write")
    .meta({ openapi: { method: "POST", path: base, tags: ["experiments"], summary: "Create an experiment" } })
    .input(
      z.object({
        name: ZExperimentName,
        description: z.string().max(5000).default(""),
        tags: z.array(ZTagInput).max(100).default([]),
      }),
    )
    .output(ZExperiment)
    .mutation(async ({ ctx, input }) => view(await createExperiment(ctx.workspace.id, ctx.caller.userId, input))),

  update: workspaceProcedure("experiment:write")
    .meta({
      openapi: {
        method: "PATCH",
        path: `${base}/{experimentId}`,
        tags: ["experiments"],
        summary: "Rename, describe, tag, archive or restore",
      },
    })
    .input(
      z.object({
        experimentId: z.string().min(1),
        name: ZExperimentName.optional(),
        description: z.string().max(5000).optional(),
        isArchived: z.boolean().optional(),
        tags: z.array(ZTagInput).max(100).optional(),
      }),
    )
    .output(ZExperiment)
    .mutation(async ({ ctx, input }) => {
      const { experimentId, ...changes } = input;
      return view(await updateExperiment(ctx.workspace.id, experimentId, changes));
    }),

  purge: workspaceProcedure("experiment:write")
    .meta({
      openapi: {
        method: "DELETE",
        path: `${base}/{experimentId}`,
        tags: ["experiments"],
        summary: "Remove an archived experiment for good, with its runs' metrics and files",
      },
    })
    .input(z.object({ experimentId: z.string().min(1) }))
    .output(z.object({ runs: z.number() }))
    .mutation(({ ctx, input }) => purgeExperiment(ctx.actor, ctx.workspace.id, input.experimentId)),
});
