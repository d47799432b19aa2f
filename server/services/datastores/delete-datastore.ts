import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { auditDetails } from "./datastore-audit";
import { findDatastore } from "./find-datastore";

/** Removes a datastore's registration (never its bytes); refused for the default and for one holding runs' files. */
export async function deleteDatastore(actor: TActor, workspaceId: string, datastoreId: string) {
  await db().$transaction(async (tx) => {
    const row = await findDatastore(workspaceId, datastoreId, tx);
    if (row.isDefault)
      throw new AppError("CONFLICT", `'${row.name}' is the default datastore; make another the default first`);
    if (row._count.runs > 0)
      throw new AppError("CONFLICT", `Datastore '${row.name}' holds the files of ${row._count.runs} runs`);
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
