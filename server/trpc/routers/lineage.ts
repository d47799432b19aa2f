import { z } from "zod";
import { ZVersionAddress, refOf } from "../../services/data/data-version-ref";
import { lineageGraph } from "../../services/lineage/lineage-graph";
import { listRunDataLinks } from "../../services/lineage/run-data-links";
import { listVersionRuns } from "../../services/lineage/version-runs";
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
          "The lineage graph around a run (runId) or a data asset version (asset and version): data → run → data",
      },
    })
    .input(
      z
        .object({
          runId: z.string().min(1).max(100).optional(),
          asset: z.string().min(1).max(255).optional(),
          version: ZVersionAddress.shape.version.optional(),
          depth: z.coerce.number().int().min(1).max(6).default(3),
        })
        .refine((i) => (i.runId === undefined) !== (i.asset === undefined), "Give either runId or asset (and version)"),
    )
    .output(ZGraph)
    .query(({ ctx, input }) =>
      lineageGraph(
        ctx.workspace.id,
        input.runId !== undefined
          ? { runId: input.runId }
          : { ref: refOf({ name: input.asset!, version: input.version ?? "latest" }) },
        input.depth,
      ),
    ),

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
