import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { sealSecret } from "../../secrets/secret-box";
import { assertLocationAllowed, type TDatastoreActor } from "./assert-location-allowed";
import { auditDetails } from "./datastore-audit";
import type { TUpdateDatastoreInput } from "./datastore-inputs";
import { datastoreView, WITH_COUNTS } from "./datastore-view";
import { findDatastore } from "./find-datastore";
import { holdings } from "./datastore-holdings";

/**
 * Changes a datastore's settings. Credentials are write-only: given, they replace the stored ones.
 * Where the bytes are (folder, bucket, prefix) is fixed once it holds runs' or data files, or they
 * would be left behind; the endpoint, region and credentials may change (a moved server, rotated keys).
 */
export async function updateDatastore(actor: TDatastoreActor, workspaceId: string, input: TUpdateDatastoreInput) {
  return db().$transaction(async (tx) => {
    const row = await findDatastore(workspaceId, input.datastoreId, tx);
    const isS3 = row.type === "s3";
    const wrongType = isS3
      ? input.folder !== undefined && "folder"
      : (["endpoint", "bucket", "prefix", "region", "isPathStyle", "accessKeyId", "secretAccessKey"] as const).find(
          (f) => input[f] !== undefined,
        );
    if (wrongType)
      throw new AppError("BAD_REQUEST", `Invalid input: ${wrongType}: not a setting of a ${row.type} datastore`);
    const moves =
      (input.folder !== undefined && (input.folder ?? null) !== row.folder) ||
      (input.bucket !== undefined && input.bucket !== row.bucket) ||
      (input.prefix !== undefined && input.prefix !== row.prefix);
    if (moves && (row._count.runs > 0 || row._count.blobs > 0))
      throw new AppError(
        "CONFLICT",
        `Datastore '${row.name}' holds ${holdings(row._count)}; its location cannot change`,
      );
    // Only what changes: an Owner may edit a datastore an admin pointed at the machine itself.
    assertLocationAllowed(actor, {
      folder: input.folder !== undefined && input.folder !== row.folder ? input.folder : undefined,
      endpoint: input.endpoint !== undefined && input.endpoint !== row.endpoint ? input.endpoint : undefined,
    });
    const updated = await tx.datastore.update({
      where: { id: row.id },
      data: {
        description: input.description,
        folder: input.folder,
        endpoint: input.endpoint,
        bucket: input.bucket,
        prefix: input.prefix,
        region: input.region,
        isPathStyle: input.isPathStyle,
        accessKeyId: input.accessKeyId ? sealSecret(input.accessKeyId) : undefined,
        secretAccessKey: input.secretAccessKey ? sealSecret(input.secretAccessKey) : undefined,
      },
      include: WITH_COUNTS,
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "datastore.update",
      targetType: "datastore",
      targetId: row.id,
      details: {
        ...auditDetails(updated),
        changed: Object.keys(input).filter((k) => k !== "datastoreId" && k !== "workspaceId"),
      },
    });
    return datastoreView(updated);
  });
}
