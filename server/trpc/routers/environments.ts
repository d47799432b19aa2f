import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { AppError } from "../../errors";
import { createEnvironment } from "../../services/environments/create-environment";
import { ZEnvironmentName, ZEnvironmentSpec } from "../../services/environments/environment-spec";
import { listEnvironments } from "../../services/environments/list-environments";
import { db } from "../../db";
import { formatIssues } from "../../format-issues";
import { router, workspaceProcedure } from "../trpc";

const ZBuild = z.object({
  id: z.string(),
  hash: z.string(),
  hostId: z.string(),
  runId: z.string().nullable(),
  status: z.enum(["Building", "Succeeded", "Failed"]),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
});
const ZVersion = z.object({
  id: z.string(),
  version: z.number(),
  spec: z.unknown(),
  hash: z.string(),
  createdAt: z.date(),
  builds: z.array(ZBuild),
});
const ZEnvironment = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isCurated: z.boolean(),
  createdAt: z.date(),
  versions: z.array(ZVersion),
});
const base = "/workspaces/{workspaceId}/environments";

// The environment YAML: name, description and the spec's fields at the top level (as Azure ML's).
const ZEnvironmentFile = ZEnvironmentSpec.extend({
  name: ZEnvironmentName,
  description: z.string().max(2000).optional(),
  $schema: z.string().optional(),
  version: z.unknown().optional(),
});

export const environmentsRouter = router({
  list: workspaceProcedure("environment:read")
    .meta({
      openapi: {
        method: "GET",
        path: base,
        tags: ["environments"],
        summary: "Environments (the workspace's and the curated ones) with versions, hashes and builds",
      },
    })
    .output(z.array(ZEnvironment))
    .query(({ ctx }) => listEnvironments(ctx.workspace.id)),

  create: workspaceProcedure("environment:write")
    .meta({
      openapi: {
        method: "POST",
        path: base,
        tags: ["environments"],
        summary: "Create an environment, or its next version; from fields or from YAML",
      },
    })
    .input(
      z.object({
        name: ZEnvironmentName.optional(),
        description: z.string().max(2000).optional(),
        spec: ZEnvironmentSpec.optional(),
        yaml: z.string().max(100_000).optional(),
      }),
    )
    .output(z.object({ id: z.string(), name: z.string(), version: z.number(), hash: z.string(), isNew: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      let name = input.name;
      let description = input.description;
      let spec = input.spec;
      if (input.yaml !== undefined) {
        let raw: unknown;
        try {
          raw = parseYaml(input.yaml);
        } catch (error) {
          throw new AppError(
            "BAD_REQUEST",
            `The environment YAML does not parse: ${(error as Error).message.split("\n")[0]}`,
          );
        }
        const parsed = ZEnvironmentFile.safeParse(raw);
        if (!parsed.success)
          throw new AppError("BAD_REQUEST", `Invalid environment: ${formatIssues(parsed.error.issues)}`);
        const { name: fileName, description: fileDescription, $schema: _s, version: _v, ...fileSpec } = parsed.data;
        name = fileName;
        description = fileDescription;
        spec = fileSpec;
      }
      if (!name || !spec) throw new AppError("BAD_REQUEST", "Give name and spec, or yaml");
      const created = await createEnvironment(ctx.actor, ctx.workspace.id, { name, description, spec });
      return {
        id: created.environment.id,
        name: created.environment.name,
        version: created.version.version,
        hash: created.version.hash,
        isNew: created.isNew,
      };
    }),

  buildLog: workspaceProcedure("environment:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/builds/{buildId}`,
        tags: ["environments"],
        summary: "One image build's log",
      },
    })
    .input(z.object({ buildId: z.string().min(1) }))
    .output(
      z.object({
        id: z.string(),
        status: z.string(),
        log: z.string(),
        startedAt: z.date(),
        endedAt: z.date().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const build = await db().environmentBuild.findUnique({ where: { id: input.buildId } });
      const host = build
        ? await db().computeHost.findFirst({
            where: { id: build.hostId, shares: { some: { workspaceId: ctx.workspace.id } } },
          })
        : null;
      if (!build || !host) throw new AppError("NOT_FOUND", "Build not found");
      return { id: build.id, status: build.status, log: build.log, startedAt: build.startedAt, endedAt: build.endedAt };
    }),
});
