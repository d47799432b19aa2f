import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { defaultDatastore } from "../../storage/datastore-store";
import type { TDataVersionTarget } from "./data-asset-input";
import { dataDigest } from "./data-digest";
import type { TTableInfo } from "./table-definition";

export type TNewDataVersion = {
  target: TDataVersionTarget;
  files: { path: string; size: number; sha256: string }[];
  table: TTableInfo | null;
  referencePath?: string | null;
  /** The referenced folder's datastore; an uploaded version names the default it was uploaded under. */
  datastoreName?: string;
  /** Runs inside the version's transaction (an upload session's removal), so both land or neither. */
  alsoInTransaction?: (tx: Prisma.TransactionClient, version: { id: string }) => Promise<void>;
};

/**
 * Records the next version of a data asset (creating the asset at version 1) in one transaction,
 * once every file it lists is stored. The asset's lock makes concurrent creations take 1, 2, 3…
 */
export async function createDataVersion(actor: TActor, workspaceId: string, input: TNewDataVersion) {
  const { target, files } = input;
  const totalSize = files.reduce((sum, f) => sum + f.size, 0);
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crucible.data:${workspaceId}:${target.name}`}))`;
      const asset =
        (await tx.dataAsset.findUnique({ where: { workspaceId_name: { workspaceId, name: target.name } } })) ??
        (await tx.dataAsset.create({
          data: {
            workspaceId,
            name: target.name,
            description: target.description ?? "",
            tags: target.tags ?? {},
            createdById: actor.userId,
          },
        }));
      const latest = await tx.dataAssetVersion.findFirst({
        where: { assetId: asset.id },
        orderBy: { version: "desc" },
      });
      // As in Azure ML: a version of another type would break whoever reads the asset by name.
      if (latest && latest.type !== target.type) {
        throw new AppError(
          "CONFLICT",
          `Data asset '${target.name}' is of type ${latest.type}; a ${target.type} needs another name`,
        );
      }
      const version = await tx.dataAssetVersion.create({
        data: {
          assetId: asset.id,
          version: (latest?.version ?? 0) + 1,
          type: target.type,
          description: target.description ?? "",
          tags: target.tags ?? {},
          datastoreName: input.datastoreName ?? (await defaultDatastore(workspaceId, tx)).name,
          referencePath: input.referencePath ?? null,
          totalSize: BigInt(totalSize),
          fileCount: files.length,
          digest: dataDigest(files),
          tableFormat: input.table?.tableFormat ?? null,
          tableSchema: input.table?.tableSchema ?? undefined,
          mltable: input.table?.mltable ?? undefined,
          createdById: actor.userId,
        },
      });
      await tx.dataAssetFile.createMany({
        data: files.map((f) => ({ versionId: version.id, path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
      });
      await input.alsoInTransaction?.(tx, version);
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "data.version.create",
        targetType: "dataAsset",
        targetId: asset.id,
        details: { name: asset.name, version: version.version, digest: version.digest, fileCount: files.length },
      });
      return { asset, version };
    },
    { timeout: 60_000 },
  );
}
