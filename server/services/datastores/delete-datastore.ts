import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { auditDetails } from "./datastore-audit";
import { findDatastore } from "./find-datastore";

/** Removes a datastore's registration (never its bytes); refused for the default and for one holding runs' or data assets' files. */
export async function deleteDatastore(actor: TActor, workspaceId: string, datastoreId: string) {
  await db().$transaction(async (tx) => {
    const row = await findDatastore(workspaceId, datastoreId, tx);
    if (row.isDefault)
      throw new AppError("CONFLICT", `'${row.name}' is the default datastore; make another the default first`);
    if (row._count.runs > 0)
      throw new AppError("CONFLICT", `Datastore '${row.name}' holds the files of ${row._count.runs} runs`);
    // Data asset versions name their datastore rather than point at its row.
    const versions = await tx.dataAssetVersion.count({
      where: { datastoreName: row.name, asset: { workspaceId } },
    });
    if (versions > 0)
      throw new AppError("CONFLICT", `Datastore '${row.name}' holds the files of ${versions} data asset versions`);
    await tx.datastore.delete({ where: { id: row.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "datastore.delete",
      targetType: "datastore",
      targetId: row.id,
      details: auditDetails(row),
    });
  });
}
