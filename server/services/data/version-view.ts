import { z } from "zod";
import type { DataAsset, DataAssetVersion } from "../../generated/prisma/client";
import { ZDataAssetType } from "./data-asset-input";

export const ZColumn = z.object({ name: z.string(), type: z.string() });

export const ZDataVersionView = z.object({
  id: z.string(),
  assetId: z.string(),
  name: z.string(),
  version: z.number(),
  /** How jobs, the CLI and the SDK name this version. */
  ref: z.string(),
  type: ZDataAssetType,
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  isArchived: z.boolean(),
  datastoreName: z.string(),
  referencePath: z.string().nullable(),
  totalSize: z.number(),
  fileCount: z.number(),
  digest: z.string(),
  tableFormat: z.enum(["csv", "parquet"]).nullable(),
  tableSchema: z.array(ZColumn).nullable(),
  mltable: z.unknown().nullable(),
  createdById: z.string().nullable(),
  createdAt: z.date(),
});
export type TDataVersionView = z.infer<typeof ZDataVersionView>;

export function versionView(asset: Pick<DataAsset, "id" | "name">, v: DataAssetVersion): TDataVersionView {
  return {
    id: v.id,
    assetId: asset.id,
    name: asset.name,
    version: v.version,
    ref: `${asset.name}:${v.version}`,
    type: v.type,
    description: v.description,
    tags: v.tags as Record<string, string>,
    isArchived: v.isArchived,
    datastoreName: v.datastoreName,
    referencePath: v.referencePath,
    totalSize: Number(v.totalSize),
    fileCount: v.fileCount,
    digest: v.digest,
    tableFormat: v.tableFormat,
    tableSchema: (v.tableSchema as z.infer<typeof ZColumn>[] | null) ?? null,
    mltable: v.mltable ?? null,
    createdById: v.createdById,
    createdAt: v.createdAt,
  };
}
