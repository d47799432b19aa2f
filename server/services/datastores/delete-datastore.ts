import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isForeignKeyViolation } from "../../errors";
import { auditDetails } from "./datastore-audit";
import { holdings } from "./datastore-holdings";
import { findDatastore } from "./find-datastore";

/**
 * Removes a datastore's registration (never its bytes); refused for the default and for one
 * holding runs' files, data and model files, or folders data asset versions reference.
 */
export async function deleteDatastore(actor: TActor, workspaceId: string, datastoreId: string) {
  try {
    await db().$transaction(async (tx) => {
      const row = await findDatastore(workspaceId, datastoreId, tx);
      if (row.isDefault)
        throw new AppError("CONFLICT", `'${row.name}' is the default datastore; make another the default first`);
      if (row._count.runs > 0 || row._count.blobs > 0)
        throw new AppError("CONFLICT", `Datastore '${row.name}' holds ${holdings(row._count)}`);
      // A version referencing a folder in place names its datastore rather than point at its row.
      const versions = await tx.dataAssetVersion.count({
        where: { datastoreName: row.name, referencePath: { not: null }, asset: { workspaceId } },
      });
      if (versions > 0)
        throw new AppError(
          "CONFLICT",
          `Datastore '${row.name}' holds the folders of ${versions} data asset versions that reference them`,
        );
      await tx.datastore.delete({ where: { id: row.id } });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "datastore.delete",
        targetType: "datastore",
        targetId: row.id,
        details: auditDetails(row),
      });
    });
  } catch (error) {
    // A blob or run written to it after the counts above (it was the default a moment ago).
    if (isForeignKeyViolation(error))
      throw new AppError("CONFLICT", "The datastore received files while it was being deleted; try again");
    throw error;
  }
}
