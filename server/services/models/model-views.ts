import { z } from "zod";
import type { ModelVersion, RegisteredModel } from "../../generated/prisma/client";
import { ZModelType } from "./model-input";

export const ZModelVersionView = z.object({
  id: z.string(),
  modelId: z.string(),
  name: z.string(),
  version: z.number(),
  /** How jobs, the CLI and the SDK name this version. */
  ref: z.string(),
  type: ZModelType,
  status: z.literal("READY"),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  isArchived: z.boolean(),
  sourceRunId: z.string().nullable(),
  sourcePath: z.string().nullable(),
  sourceUri: z.string(),
  loggedModelId: z.string().nullable(),
  flavors: z.record(z.string(), z.unknown()).nullable(),
  signature: z.record(z.string(), z.unknown()).nullable(),
  inputExample: z.record(z.string(), z.unknown()).nullable(),
  environmentVersionId: z.string().nullable(),
  totalSize: z.number(),
  fileCount: z.number(),
  digest: z.string(),
  createdById: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TModelVersionView = z.infer<typeof ZModelVersionView>;

export const ZModelView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.object({ alias: z.string(), version: z.number() })),
  versionCount: z.number(),
  latestVersion: z.number().nullable(),
  /** When its newest version was registered (the model's creation when it has none): lists sort by it. */
  lastVersionAt: z.date(),
  createdById: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TModelView = z.infer<typeof ZModelView>;

type TJson = Record<string, unknown> | null;

export function modelVersionView(
  model: Pick<RegisteredModel, "id" | "name">,
  v: ModelVersion,
  aliases: readonly string[] = [],
): TModelVersionView {
  return {
    id: v.id,
    modelId: model.id,
    name: model.name,
    version: v.version,
    ref: `${model.name}:${v.version}`,
    type: v.type,
    status: v.status,
    description: v.description,
    tags: v.tags as Record<string, string>,
    aliases: [...aliases].sort(),
    isArchived: v.isArchived,
    sourceRunId: v.sourceRunId,
    sourcePath: v.sourcePath,
    sourceUri: v.sourceUri,
    loggedModelId: v.loggedModelId,
    flavors: v.flavors as TJson,
    signature: v.signature as TJson,
    inputExample: v.inputExample as TJson,
    environmentVersionId: v.environmentVersionId,
    totalSize: Number(v.totalSize),
    fileCount: v.fileCount,
    digest: v.digest,
    createdById: v.createdById,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function modelView(
  m: RegisteredModel,
  stats: { versionCount: number; latest: { version: number; createdAt: Date } | null },
  aliases: readonly { alias: string; version: number }[],
): TModelView {
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    tags: m.tags as Record<string, string>,
    aliases: [...aliases].sort((a, b) => a.alias.localeCompare(b.alias)),
    versionCount: stats.versionCount,
    latestVersion: stats.latest?.version ?? null,
    lastVersionAt: stats.latest?.createdAt ?? m.createdAt,
    createdById: m.createdById,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}
