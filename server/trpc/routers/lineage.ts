import { z } from "zod";
import { ZVersionAddress, refOf } from "../../services/data/data-version-ref";
import { lineageGraph } from "../../services/lineage/lineage-graph";
import { listRunDataLinks } from "../../services/lineage/run-data-links";
import { listVersionRuns } from "../../services/lineage/version-runs";
import { modelRefOf, ZModelVersionParam } from "../../services/models/model-ref";
import { assertCan, can } from "../../rbac/access";
import { router, workspaceProcedure } from "../trpc";

const ZNode = z.discriminatedUnion("kind", [
  z.object({ id: z.string(), kind: z.literal("run"), runId: z.string(), label: z.string(), status: z.string() }),
  z.object({
    id: z.string(),
    kind: z.literal("data"),
    asset: z.string(),
    version: z.number(),
    type: z.string(),
    label: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal("model"),
    model: z.string(),
    version: z.number(),
    type: z.string(),
    label: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal("deployment"),
    endpointType: z.enum(["online", "batch"]),
    endpoint: z.string(),
    deployment: z.string(),
    state: z.string().nullable(),
    label: z.string(),
  }),
]);
const ZGraph = z.object({
  root: z.string(),
  nodes: z.array(ZNode),
  edges: z.array(z.object({ from: z.string(), to: z.string(), name: z.string() })),
  isTruncated: z.boolean(),
});

export const lineageRouter = router({
  graph: workspaceProcedure("data:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/lineage",
        tags: ["data"],
        summary:
          "The lineage graph around a run (runId), a data asset version (asset and version) or a model version " +
          "(model and version): data → run → data or model → run or the online and batch deployments serving it",
      },
    })
    .input(
      z
        .object({
          runId: z.string().min(1).max(100).optional(),
          asset: z.string().min(1).max(255).optional(),
          model: z.string().trim().min(1).max(255).optional(),
          version: z.coerce.string().max(255).optional(),
          depth: z.coerce.number().int().min(1).max(6).default(3),
        })
        .refine(
          (i) => [i.runId, i.asset, i.model].filter((s) => s !== undefined).length === 1,
          "Give one of runId, asset (and version) or model (and version)",
        )
        .refine(
          (i) =>
            i.version === undefined ||
            (i.model === undefined ? ZVersionAddress.shape.version : ZModelVersionParam).safeParse(i.version).success,
          { message: "A version number, latest, or (for a model) an alias", path: ["version"] },
        ),
    )
    .output(ZGraph)
    .query(({ ctx, input }) => {
      // Model versions are the registry's: shown, or started from, only for roles that may read models.
      if (input.model !== undefined) assertCan(ctx.role, "model:read");
      const start =
        input.runId !== undefined
          ? { runId: input.runId }
          : input.model !== undefined
            ? { modelRef: modelRefOf({ name: input.model, version: input.version ?? "latest" }) }
            : { ref: refOf({ name: input.asset!, version: input.version ?? "latest" }) };
      return lineageGraph(ctx.workspace.id, start, input.depth, {
        isModelIncluded: can(ctx.role, "model:read"),
        isEndpointIncluded: can(ctx.role, "endpoint:read"),
      });
    }),

  runData: workspaceProcedure("experiment:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/runs/{runId}/data",
        tags: ["runs"],
        summary:
          "The data asset and registered model versions a run read (inputs) and the data versions it made (outputs)",
      },
    })
    .input(z.object({ runId: z.string().min(1).max(100) }))
    .output(
      z.array(
        z.object({
          kind: z.enum(["data", "model"]),
          direction: z.enum(["input", "output"]),
          name: z.string(),
          mode: z.string(),
          asset: z.string(),
          version: z.number(),
          type: z.string(),
          isArchived: z.boolean(),
        }),
      ),
    )
    .query(({ ctx, input }) => listRunDataLinks(ctx.workspace.id, input.runId)),

  versionRuns: workspaceProcedure("data:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/data/{name}/versions/{version}/runs",
        tags: ["data"],
        summary: "The runs that read or made a data asset version",
      },
    })
    .input(ZVersionAddress)
    .output(
      z.array(
        z.object({
          direction: z.enum(["input", "output"]),
          name: z.string(),
          runId: z.string(),
          runName: z.string(),
          status: z.string(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => listVersionRuns(ctx.workspace.id, refOf(input))),
});
