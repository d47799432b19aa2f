import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { sealSecret } from "../../secrets/secret-box";
import { assertLocationAllowed, type TDatastoreActor } from "./assert-location-allowed";
import { auditDetails } from "./datastore-audit";
import type { TCreateDatastoreInput } from "./datastore-inputs";
import { datastoreView, WITH_COUNTS } from "./datastore-view";

/** Registers a datastore; it becomes the default only through setDefault. */
export async function createDatastore(actor: TDatastoreActor, workspaceId: string, input: TCreateDatastoreInput) {
  assertLocationAllowed(actor, input);
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.datastore.create({
        data: {
          workspaceId,
          name: input.name,
          type: input.type,
          description: input.description ?? "",
          folder: input.folder ?? null,
          endpoint: input.endpoint ?? null,
          bucket: input.bucket ?? null,
          prefix: input.prefix ?? "",
          region: input.region ?? null,
          isPathStyle: input.isPathStyle ?? false,
          accessKeyId: input.accessKeyId ? sealSecret(input.accessKeyId) : null,
          secretAccessKey: input.secretAccessKey ? sealSecret(input.secretAccessKey) : null,
        },
        include: WITH_COUNTS,
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "datastore.create",
        targetType: "datastore",
        targetId: row.id,
        details: auditDetails(row),
      });
      return datastoreView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A datastore named '${input.name}' already exists`);
    throw error;
  }
}
